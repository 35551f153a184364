from pathlib import Path

from django.core.management.base import BaseCommand

from agir.catalogue.loader import CATALOGUE_FILE, load_catalogue, read_catalogue


class Command(BaseCommand):
    help = "Load or update the repair catalogue from a YAML file (the shipped one by default)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(CATALOGUE_FILE))

    def handle(self, *args, path: str, **options) -> None:
        counts = load_catalogue(read_catalogue(Path(path)))
        self.stdout.write(", ".join(f"{count} {kind}" for kind, count in counts.items()))
