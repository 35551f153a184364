"""Saved inbox views kept a site's or a building's id (`site=12`, `building=34`): the inbox now
has one place field that holds the place's code (`place=TIL-A`). Each saved view is rewritten;
a site or building that no longer exists is dropped from the view, as the inbox would ignore it."""

from urllib.parse import parse_qsl, urlencode

from django.db import migrations


def rewrite(query: str, site_codes: dict[str, str], building_codes: dict[str, str]) -> str:
    """`query` with its site or building id replaced by the place's code (the building when it
    has both: it is the narrower)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    site = next((value for name, value in pairs if name == "site"), "")
    building = next((value for name, value in pairs if name == "building"), "")
    kept = [(name, value) for name, value in pairs if name not in {"site", "building"}]
    code = building_codes.get(building) or site_codes.get(site)
    if code:
        kept.append(("place", code))
    return urlencode(kept)


def forwards(apps, schema_editor):
    SavedInboxView = apps.get_model("backoffice", "SavedInboxView")
    Site = apps.get_model("estate", "Site")
    Building = apps.get_model("estate", "Building")
    views = [
        view
        for view in SavedInboxView.objects.all()
        if "site=" in view.query or "building=" in view.query
    ]
    if not views:
        return
    wanted = {"site": set(), "building": set()}
    for view in views:
        for name, value in parse_qsl(view.query):
            if name in wanted and value.isdigit():
                wanted[name].add(int(value))
    site_codes = {
        str(pk): code
        for pk, code in Site.objects.filter(pk__in=wanted["site"]).values_list("pk", "code")
    }
    building_codes = {
        str(pk): code
        for pk, code in Building.objects.filter(pk__in=wanted["building"]).values_list("pk", "code")
    }
    for view in views:
        view.query = rewrite(view.query, site_codes, building_codes)[:1000]
    SavedInboxView.objects.bulk_update(views, ["query"])


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0002_canned_answers"),
        ("estate", "0002_contracts_by_site_and_new_kinds"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
