"""AGIR's settings as a production-like server runs them, plus the baseline's URL.

DEBUG off (it keeps every query in memory), the site's URLs and `/bench/baseline/<code>/`.
"""

from agir.settings import *  # noqa: F403
from agir.settings import BASE_DIR, TEMPLATES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR.parent / "bench" / "templates"]
