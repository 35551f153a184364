"""AGIR settings, read from the environment.

AGIR_ENV is `development` (the default, when unset) or `production`; any other value refuses to
start, so that «Production», «prod» or a trailing space cannot quietly run a laptop's settings.
Defaults suit a laptop (SQLite and a random secret key under var/), with debug off unless
DEBUG=1 asks for it. `production` refuses to start without SECRET_KEY and ALLOWED_HOSTS, or
with DEBUG on.
"""

import hashlib
import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    # An empty variable counts as unset, as in most deployment tools.
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


ENVIRONMENTS = ("development", "production")
AGIR_ENV = os.environ.get("AGIR_ENV") or "development"
if AGIR_ENV not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"AGIR_ENV must be exactly 'development' or 'production', not {AGIR_ENV!r}"
    )
PRODUCTION = AGIR_ENV == "production"

DATA_DIR = Path(env("AGIR_DATA_DIR", str(PROJECT_DIR / "var"))).resolve()
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

if PRODUCTION:
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not env(name)]
    if missing:
        raise ImproperlyConfigured(
            f"AGIR_ENV=production needs these environment variables: {', '.join(missing)}"
        )
    if env_bool("DEBUG"):
        raise ImproperlyConfigured("AGIR_ENV=production refuses DEBUG: it shows settings to all")


def checkout_secret(path: Path) -> str:
    """A random secret kept in `path` (made on first use, readable by its owner only): each
    checkout has its own, shared by its processes, and none is written in the repository."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    draft.write_text(secrets.token_urlsafe(50))
    draft.chmod(0o600)
    try:
        os.link(draft, path)  # atomic: of two processes starting at once, one key wins
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()


# Never a fixed key: with the one that used to be in the repository, anyone could sign an
# activation link for any tenant and take the account.
SECRET_KEY = env("SECRET_KEY") or checkout_secret(DATA_DIR / "secret_key")
DEBUG = env_bool("DEBUG") and not PRODUCTION
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks): the client
# address of every throttle and log comes from it (agir/core/client.py). The default is the
# README's nginx on the same host.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network"
        ) from None

INSTALLED_APPS = [
    # Django's admin, behind the staff's second factor (agir/accounts/admin_site.py)
    "agir.accounts.admin_site.AgirAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "django_rq",
    "axes",
    # staff sign-in: TOTP devices and recovery codes (agir/accounts/twofactor.py)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # the JSON API's documentation page and its vendored Swagger UI files
    "ninja",
    "agir.core",
    "agir.accounts",
    "agir.estate",
    "agir.catalogue",
    "agir.repairs",
    "agir.notify",
    "agir.backoffice",
    "agir.portal",
    "agir.demo",
    "agir.api",
    "agir.quality",
    "agir.exchange",
    "agir.rounds",
    "agir.quotes",
    "agir.notices",
    "agir.works",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor in this session
    "django_otp.middleware.OTPMiddleware",
    # staff without a verified second factor reach only the pages that get them one
    "agir.accounts.twofactor_gate.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # errors under /api/ made outside an API operation (404, 405, 500) answer in JSON too
    "agir.api.errors.JsonErrorsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "agir.urls"
WSGI_APPLICATION = "agir.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # LANGUAGE_CODE for <html lang> in base.html (i18n: French, English)
                "django.template.context_processors.i18n",
                # csp_nonce: the one inline <style> (the landlord's colour) and the admin's
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "agir.core.context_processors.landlord",
            ],
        },
    },
]

# --- database ---------------------------------------------------------------------------
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'agir.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so that concurrent writers wait (busy timeout) instead of failing to upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # An index's included columns (repairs: the inbox's covering index, for PostgreSQL) are
    # left out on SQLite, which still uses the index's keys: nothing to warn about.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    # Tests use a file, not the in-memory database, so that threads and worker processes
    # share it as they would in production.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A pool per process, shared by its threads: a burst of requests waits for a connection
    # instead of exceeding the server's max_connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(env("DATABASE_POOL_MIN", "1")),
        "max_size": int(env("DATABASE_POOL_MAX", "20")),
        "timeout": float(env("DATABASE_POOL_TIMEOUT", "30")),
    }
    # AGIR's queries are short and led by indexes; a parallel plan takes CPUs from the other
    # sessions for little gain (at 250,000 dwellings on 2 CPUs, the inbox search by a common
    # surname 5.8 -> 7.7 searches a second without, the inbox +7-17 %; docs/performance.md).
    # DATABASE_PARALLEL_WORKERS: workers a query may use (default 0); "server" leaves the
    # server's own setting.
    parallel = env("DATABASE_PARALLEL_WORKERS", "0").strip()
    if parallel != "server":
        if not parallel.isdigit():
            raise ImproperlyConfigured(
                f"DATABASE_PARALLEL_WORKERS must be a number or 'server', not {parallel!r}"
            )
        options = DATABASES["default"]["OPTIONS"]
        asked = f"-c max_parallel_workers_per_gather={int(parallel)}"
        options["options"] = f"{options['options']} {asked}" if options.get("options") else asked
if env("TEST_DATABASE_NAME"):
    # Lets two checkouts run their suites against one PostgreSQL server at the same time.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env("TEST_DATABASE_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- tenant accounts (agir/accounts: sign-up by letter code or emailed link) ----------------
# django-axes first (it refuses a locked-out client before any password is checked), then
# the username (Django's), then an email address or a lease reference.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user with their tenant or caretaker record
    "agir.accounts.backends.UsernameBackend",
    "agir.accounts.backends.EmailOrLeaseBackend",
]
# Password guessing (agir/accounts/signin.py): this many failures within the window, for one
# (identifier, client address) or one client address, and that pair or address waits.
LOGIN_MAX_FAILURES = int(env("LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_MINUTES = int(env("LOGIN_LOCKOUT_MINUTES", "15"))
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_USERNAME_CALLABLE = "agir.accounts.signin.throttle_username"
AXES_CLIENT_IP_CALLABLE = "agir.core.client.client_ip"
AXES_LOCKOUT_CALLABLE = "agir.accounts.signin.locked_out"
# A success must not wipe the address's count: an attacker would sign in to their own account
# between guesses at others'.
AXES_RESET_ON_SUCCESS = False
ACTIVATION_CODE_DAYS = int(env("ACTIVATION_CODE_DAYS", "90"))  # a letter's code
ACTIVATION_LINK_DAYS = int(env("ACTIVATION_LINK_DAYS", "14"))  # an emailed link
# How long the signed link of a work order (sent to a contractor without an account) opens it.
WORKS_LINK_DAYS = int(env("WORKS_LINK_DAYS", "60"))
# Sign-up page: this many failures from one client address within the window, refuse for a while.
SIGNUP_MAX_FAILURES = int(env("SIGNUP_MAX_FAILURES", "5"))
SIGNUP_FAILURE_WINDOW_MINUTES = int(env("SIGNUP_FAILURE_WINDOW_MINUTES", "15"))
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_TIMEOUT", str(24 * 3600)))
# Reset requests (agir/accounts/reset.py): per client address, then the client waits; per
# email address, then further requests send nothing; within this window.
PASSWORD_RESET_MAX_PER_CLIENT = int(env("PASSWORD_RESET_MAX_PER_CLIENT", "10"))
PASSWORD_RESET_MAX_PER_ADDRESS = int(env("PASSWORD_RESET_MAX_PER_ADDRESS", "3"))
PASSWORD_RESET_WINDOW_MINUTES = int(env("PASSWORD_RESET_WINDOW_MINUTES", "60"))
# --- end of tenant accounts ----------------------------------------------------------------

# --- languages --------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- files ------------------------------------------------------------------------------
STATIC_URL = "static/"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Debug is off on a laptop too: WhiteNoise serves the apps' static files straight from their
# folders there, as runserver would with debug on.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# The first handler stops reading an upload past PHOTO_MAX_UPLOAD_BYTES a file or
# UPLOAD_MAX_REQUEST_BYTES a request (agir/core/uploads.py); nginx's client_max_body_size
# should be a little above the latter (README).
FILE_UPLOAD_HANDLERS = [
    "agir.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- cache ----------------------------------------------------------------------------------
# What the processes share: the catalogue's version (agir.catalogue.held), so that every web
# process reads an edited catalogue again at once. Without CACHE_URL each process has its own
# local-memory cache and reads the catalogue again within five minutes of a change.
CACHE_URL = env("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "agir",
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// address, not {CACHE_URL!r}")

# --- background work --------------------------------------------------------------------
# "database" (default, django-tasks-db, worker: `agir db_worker`) or "rq" (Redis,
# django-tasks-rq, worker: `agir rqworker --job-class django_tasks_rq.Job`).
TASKS_BACKEND = env("TASKS_BACKEND", "database")
REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}
if TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be 'database', 'rq' or 'immediate', not {TASKS_BACKEND!r}"
    )
# Each task-worker process stamps its heartbeat this often, from a thread of its own; with no
# stamp younger than the max age, /healthz/worker answers 503.
WORKER_HEARTBEAT_INTERVAL = float(env("WORKER_HEARTBEAT_INTERVAL", "10"))
WORKER_HEARTBEAT_MAX_AGE = int(env("WORKER_HEARTBEAT_MAX_AGE", "60"))
SCHEDULER_INTERVAL = float(env("SCHEDULER_INTERVAL", "15"))
# Task rows of the database backend (agir/core/housekeeping.py, hourly): finished ones are
# deleted after these; one still running after TASK_RUNNING_MAX_HOURS is taken for lost.
TASK_RESULTS_KEEP_HOURS = int(env("TASK_RESULTS_KEEP_HOURS", "24"))
TASK_FAILURES_KEEP_DAYS = int(env("TASK_FAILURES_KEEP_DAYS", "7"))
TASK_RUNNING_MAX_HOURS = int(env("TASK_RUNNING_MAX_HOURS", "6"))

# --- email ------------------------------------------------------------------------------
SMTP_PORT = int(env("SMTP_PORT", "8025"))
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("SMTP_HOST", "127.0.0.1"),
            "port": SMTP_PORT,
            "username": env("SMTP_USER") or None,
            "password": env("SMTP_PASSWORD") or None,
            # STARTTLS (port 587) or implicit TLS (port 465); production warns without either
            # (agir.W002): the reset and activation links travel in these emails.
            "use_tls": env_bool("SMTP_USE_TLS"),
            "use_ssl": env_bool("SMTP_USE_SSL"),
            "timeout": int(env("SMTP_TIMEOUT", "20")),
        },
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "AGIR <ne-pas-repondre@agir.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- notifications ----------------------------------------------------------------------
NOTIFY_MAX_ATTEMPTS = int(env("NOTIFY_MAX_ATTEMPTS", "8"))
NOTIFY_FIRST_RETRY_SECONDS = int(env("NOTIFY_FIRST_RETRY_SECONDS", "60"))
NOTIFY_MAX_RETRY_SECONDS = int(env("NOTIFY_MAX_RETRY_SECONDS", str(6 * 3600)))
# A claimed notification not recorded after this long is taken back (its worker died).
NOTIFY_CLAIM_SECONDS = float(env("NOTIFY_CLAIM_SECONDS", "300"))
# The most one send may take (render and hand-over), cut short past it. Shorter than the claim,
# so that a live worker never sees its claim expire and a second worker send the same message.
NOTIFY_SEND_BUDGET_SECONDS = float(env("NOTIFY_SEND_BUDGET_SECONDS", str(NOTIFY_CLAIM_SECONDS / 5)))
# How many due notifications a worker claims at once (SKIP LOCKED on PostgreSQL).
NOTIFY_CLAIM_BATCH = int(env("NOTIFY_CLAIM_BATCH", "10"))
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# --- notification channels (agir/notify/channels; see agir/notify/checks.py) --------------
# Files the channels produce (letter PDFs, voice audio, print batches), kept as proof.
NOTIFY_DIR = Path(env("NOTIFY_DIR", str(DATA_DIR / "notify"))).resolve()
# SMS and voice calls wait outside 08:00–20:00, on Sundays and French public holidays.
NOTIFY_QUIET_HOURS = env_bool("NOTIFY_QUIET_HOURS", True)  # off: send at any time (tests)
NOTIFY_QUIET_START_HOUR = int(env("NOTIFY_QUIET_START_HOUR", "20"))
NOTIFY_QUIET_END_HOUR = int(env("NOTIFY_QUIET_END_HOUR", "8"))
# The visit reminder goes out this many hours before the visit.
NOTIFY_REMINDER_HOURS = int(env("NOTIFY_REMINDER_HOURS", "24"))
# Shared secret of the signed delivery-report webhooks (HMAC-SHA256 of the body).
# In development, one per checkout (from its secret key), never a value known to all.
NOTIFY_WEBHOOK_SECRET = env(
    "NOTIFY_WEBHOOK_SECRET",
    "" if PRODUCTION else hashlib.sha256(f"agir.notify.webhook:{SECRET_KEY}".encode()).hexdigest(),
)
# A signed delivery report dated further than this from now (seconds) is refused: a captured
# one cannot be replayed later.
NOTIFY_WEBHOOK_MAX_AGE = int(env("NOTIFY_WEBHOOK_MAX_AGE", "300"))
# SMS gateway: "" (no SMS), "local" (files in NOTIFY_SMS_LOCAL_DIR, for the demo),
# "generic" (AGIR's documented JSON format) or "twilio" (Twilio's REST API).
NOTIFY_SMS_GATEWAY = env("NOTIFY_SMS_GATEWAY", "" if PRODUCTION else "local")
NOTIFY_SMS_URL = env("NOTIFY_SMS_URL")  # generic: endpoint; twilio: API base (optional)
NOTIFY_SMS_ACCOUNT = env("NOTIFY_SMS_ACCOUNT")  # twilio: Account SID
NOTIFY_SMS_TOKEN = env("NOTIFY_SMS_TOKEN")  # generic: bearer token; twilio: auth token
NOTIFY_SMS_SENDER = env("NOTIFY_SMS_SENDER", "AGIR")
NOTIFY_SMS_MAX_SEGMENTS = int(env("NOTIFY_SMS_MAX_SEGMENTS", "3"))
NOTIFY_SMS_LOCAL_DIR = Path(env("NOTIFY_SMS_LOCAL_DIR", str(DATA_DIR / "sms"))).resolve()
NOTIFY_HTTP_TIMEOUT = float(env("NOTIFY_HTTP_TIMEOUT", "10"))
# Fax through an email-to-fax gateway: the address of a number, "" for no fax.
NOTIFY_FAX_ADDRESS = env("NOTIFY_FAX_ADDRESS", "" if PRODUCTION else "{number}@fax.agir.localhost")
# Voice messages: "" (none), "local" (files in NOTIFY_VOICE_LOCAL_DIR, for the demo),
# "asterisk" (call files dropped in NOTIFY_ASTERISK_SPOOL/outgoing) or "http" (a call API
# that plays the audio from a signed URL).
NOTIFY_VOICE_GATEWAY = env("NOTIFY_VOICE_GATEWAY", "" if PRODUCTION else "local")
NOTIFY_VOICE_LOCAL_DIR = Path(env("NOTIFY_VOICE_LOCAL_DIR", str(DATA_DIR / "voice"))).resolve()
NOTIFY_ASTERISK_SPOOL = Path(env("NOTIFY_ASTERISK_SPOOL", "/var/spool/asterisk"))
NOTIFY_ASTERISK_CHANNEL = env("NOTIFY_ASTERISK_CHANNEL", "PJSIP/{number}@agir-trunk")
NOTIFY_ASTERISK_CONTEXT = env("NOTIFY_ASTERISK_CONTEXT", "agir-voice-message")
NOTIFY_VOICE_URL = env("NOTIFY_VOICE_URL")  # http: the call API's endpoint
NOTIFY_VOICE_TOKEN = env("NOTIFY_VOICE_TOKEN")
NOTIFY_CALLER_ID = env("NOTIFY_CALLER_ID", env("LANDLORD_PHONE", "03 20 00 00 00"))
# The folder of the demo's catch-all mailbox (`agir mailsink`), shown in the back office.
NOTIFY_MAILBOX_DIR = Path(env("NOTIFY_MAILBOX_DIR", str(DATA_DIR / "mail"))).resolve()
# --- end of notification channels -------------------------------------------------------

# --- the landlord -----------------------------------------------------------------------
LANDLORD = {
    "name": env("LANDLORD_NAME", "Habitat Val-de-Lys"),
    "short_name": env("LANDLORD_SHORT_NAME", "Val-de-Lys"),
    "address": env("LANDLORD_ADDRESS", "12 rue des Tanneurs\n59200 Tourcoing"),
    "phone": env("LANDLORD_PHONE", "03 20 00 00 00"),
    "on_call_phone": env("LANDLORD_ON_CALL_PHONE", "03 20 00 00 99"),
    "email": env("LANDLORD_EMAIL", "contact@val-de-lys.example"),
    "colour": env("LANDLORD_COLOUR", "#0b5cad"),
    "logo": env("LANDLORD_LOGO", "core/landlord-logo.svg"),
}
# Numbers the emergency page tells the tenant to call, by the catalogue's `call` key.
EMERGENCY_NUMBERS = {
    "gas_emergency": env("GAS_EMERGENCY_PHONE", "0 800 47 33 33"),
    "electricity_emergency": env("ELECTRICITY_EMERGENCY_PHONE", "09 72 67 50 59"),
    "firefighters": "18",
    "landlord_on_call": LANDLORD["on_call_phone"],
    "lift_emergency": env("LIFT_EMERGENCY_PHONE", LANDLORD["on_call_phone"]),
}
# Business days to take a request in hand, by urgency (shown on the confirmation page).
ACKNOWLEDGE_DELAY_DAYS = {"emergency": 0, "urgent": 1, "normal": 2, "planned": 5}

# --- tenant portal: guided entry -------------------------------------------------------
# Largest photo a tenant may send, before it is re-encoded to a smaller JPEG (phones send 2-8 MB).
PHOTO_MAX_UPLOAD_BYTES = int(env("PHOTO_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
# All the files of one request together: five photos at once (repairs.models.MAX_PHOTOS).
UPLOAD_MAX_REQUEST_BYTES = int(env("UPLOAD_MAX_REQUEST_BYTES", str(50 * 1024 * 1024)))
# Larger images are refused before they are decoded: phones make up to about 24 megapixels
# (a 59-megapixel PNG of 233 KB cost the web process 1 GB).
PHOTO_MAX_PIXELS = int(env("PHOTO_MAX_PIXELS", "24000000"))
# Photos of a guided entry wait here (in the default storage) until the request is confirmed.
WIZARD_UPLOAD_DIR = "wizard-drafts"

# --- exchange with the landlord's ERP (agir/exchange; docs/exchange.md) -------------------
# "standalone": AGIR is the system of record, nothing is exchanged. "connected": AGIR is the
# extranet of an ERP; the scheduler runs the exchange every EXCHANGE_INTERVAL seconds.
EXCHANGE_MODE = env("EXCHANGE_MODE", "standalone")
if EXCHANGE_MODE not in {"standalone", "connected"}:
    raise ImproperlyConfigured(
        f"EXCHANGE_MODE must be 'standalone' or 'connected', not {EXCHANGE_MODE!r}"
    )
EXCHANGE_INTERVAL = int(env("EXCHANGE_INTERVAL", "300"))
EXCHANGE_DIR = Path(env("EXCHANGE_DIR", str(DATA_DIR / "exchange"))).resolve()
# The ERP picks the exports up in the outbox and drops its files in the inbox.
EXCHANGE_OUTBOX_DIR = Path(env("EXCHANGE_OUTBOX_DIR", str(EXCHANGE_DIR / "outbox"))).resolve()
EXCHANGE_INBOX_DIR = Path(env("EXCHANGE_INBOX_DIR", str(EXCHANGE_DIR / "inbox"))).resolve()
# Export formats written in the outbox: jsonl, csv, or both.
EXCHANGE_EXPORT_FORMATS = env_list("EXCHANGE_EXPORT_FORMATS", "jsonl,csv")
# Instead of files: POST each batch (JSON Lines) to the ERP at this URL, with this token.
EXCHANGE_EXPORT_URL = env("EXCHANGE_EXPORT_URL")
EXCHANGE_HTTP_TOKEN = env("EXCHANGE_HTTP_TOKEN")
EXCHANGE_HTTP_TIMEOUT = float(env("EXCHANGE_HTTP_TIMEOUT", "30"))
# Largest number of events in one export batch; the next run takes the rest.
EXCHANGE_BATCH_MAX = int(env("EXCHANGE_BATCH_MAX", "50000"))
# Rows of an imported file applied (and committed with the file's progress) together.
EXCHANGE_IMPORT_CHUNK = int(env("EXCHANGE_IMPORT_CHUNK", "1000"))
# How long an event id below the cursor may stay missing before it is given up (PostgreSQL
# transactions commit out of id order; a rolled-back one leaves a gap for ever).
EXCHANGE_GAP_SECONDS = int(env("EXCHANGE_GAP_SECONDS", "600"))
# The hour (local time) after which the nightly reconciliation runs, once a day.
EXCHANGE_RECONCILE_HOUR = int(env("EXCHANGE_RECONCILE_HOUR", "2"))
# Largest file the ERP may post to /api/exchange/inbox/{name}.
EXCHANGE_UPLOAD_MAX_BYTES = int(env("EXCHANGE_UPLOAD_MAX_BYTES", str(200 * 1024 * 1024)))
# The name the ERP's changes carry in the requests' history.
EXCHANGE_ERP_NAME = env("EXCHANGE_ERP_NAME", "ERP")

# --- Open311 GeoReport v2 (agir/exchange/open311; docs/open311.md) ------------------------
# Which places of the catalogue are open to public clients: "common" (default), "dwelling".
OPEN311_SCOPES = env_list("OPEN311_SCOPES", "common")
# The jurisdiction this endpoint serves (one): a client may send it or not.
OPEN311_JURISDICTION = env("OPEN311_JURISDICTION", "val-de-lys.example")
OPEN311_CONTACT = env("OPEN311_CONTACT", env("LANDLORD_EMAIL", "contact@val-de-lys.example"))
# How a client gets its key (the discovery document says it).
OPEN311_KEY_SERVICE = env(
    "OPEN311_KEY_SERVICE", "Ask the landlord's manager for an API client with the open311 scope."
)
# When the list of services last changed (the discovery document's changeset).
OPEN311_CHANGESET = env("OPEN311_CHANGESET", "2026-11-30T00:00:00Z")
# "production" or "test", as the discovery document says.
OPEN311_ENDPOINT_TYPE = env("OPEN311_ENDPOINT_TYPE", "production" if PRODUCTION else "test")

# --- security ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy on every response: scripts only from our own files, styles from our
# files or an inline <style> carrying this response's nonce; no 'unsafe-inline', no inline
# handlers or style attributes anywhere (tests/test_csp.py reads every template for them, the
# browser tests fail on any violation).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preload: yes. A tenant's first visit is a URL typed from a letter, often without https://,
    # on a phone or a TV box on someone else's Wi-Fi: only the browsers' preload list protects
    # that first request. The header token alone changes nothing until the landlord submits its
    # domain at hstspreload.org (a decision for its whole domain, slow to undo); a landlord
    # that cannot commit sets SECURE_HSTS_PRELOAD=false and accepts the security.W021 warning.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # /healthz is probed by the load balancer over plain HTTP
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/worker$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # runserver's access log (development and the demo): a line a request at INFO, the
        # 4xx at WARNING and the 5xx at ERROR, so that LOG_LEVEL=WARNING keeps the failures only
        "django.server": {
            "handlers": ["console"],
            "level": env("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # PDF letters: WeasyPrint logs each rendering step at INFO
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Staff's second factor: the name their authenticator app shows beside the code.
OTP_TOTP_ISSUER = f"AGIR {LANDLORD['short_name']}"
# How many recovery codes a staff member gets (each works once).
RECOVERY_CODES = 10
# The daily email of overdue requests to officers and managers goes out from this hour on.
OVERDUE_DIGEST_HOUR = int(env("OVERDUE_DIGEST_HOUR", "7"))
