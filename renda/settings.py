"""Django settings for renda.

Everything comes from environment variables with development defaults; RENDA_ENV=production
turns on the secure settings and refuses to start without a real SECRET_KEY.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from renda.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("RENDA_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_str("RENDA_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(f"RENDA_ENV={ENVIRONMENT!r}: use 'development' or 'production'")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("RENDA_DEBUG", not PRODUCTION)
_DEV_SECRET = "renda-development-only-not-secret-3f9c1e7a0b5d4c2e8a6f1b0d9e7c5a3b"
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("RENDA_ENV=production needs SECRET_KEY of at least 50 characters")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "renda.core",
    "renda.accounts",
    "renda.congress",
    "renda.proposals",
    "renda.public",
    "renda.demo",
    "renda.reports",
    "renda.indicators",
    "renda.textmining",
    "renda.notifications",
    "renda.audit",
    "renda.reliability",
    "renda.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "renda.reliability.outage.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "renda.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "renda.audit.context.AuditContextMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "renda.accounts.middleware.AccountGuardMiddleware",
    "renda.reliability.idempotency.IdempotencyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "renda.core.ratelimit.RateLimitMiddleware",
]

# Static files from STATIC_ROOT (collectstatic) in production; runserver serves them otherwise.
if PRODUCTION:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
if env_bool("RENDA_SERVER_TIMING", False):  # for load tests: server time and query count
    MIDDLEWARE.insert(0, "renda.core.middleware.ServerTimingMiddleware")

ROOT_URLCONF = "renda.urls"
WSGI_APPLICATION = "renda.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "renda" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "renda.congress.context_processors.congress",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; DATABASE_URL selects PostgreSQL (psycopg 3).
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'renda.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so concurrent writers queue on the
    # busy timeout instead of failing with "database is locked" when a reader upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# --- Authentication (renda.accounts; README "Security") ----------------------------------
# Password profile: "dengbao" (等保 2.0: composition rules and rotation) or "asvs" (OWASP ASVS 5.0
# forbids both, 6.2.5 and 6.2.10); the choice is recorded in the deployment's environment.
RENDA_PASSWORD_PROFILE = env_str("RENDA_PASSWORD_PROFILE", "dengbao")
if RENDA_PASSWORD_PROFILE not in {"dengbao", "asvs"}:
    raise ImproperlyConfigured("RENDA_PASSWORD_PROFILE: use 'dengbao' or 'asvs'")
_DENGBAO = RENDA_PASSWORD_PROFILE == "dengbao"
RENDA_PASSWORD_MIN_LENGTH = env_int("RENDA_PASSWORD_MIN_LENGTH", 8)
RENDA_PASSWORD_ADMIN_MIN_LENGTH = env_int("RENDA_PASSWORD_ADMIN_MIN_LENGTH", 12)
RENDA_PASSWORD_MIN_CLASSES = env_int("RENDA_PASSWORD_MIN_CLASSES", 3 if _DENGBAO else 0)
RENDA_PASSWORD_MAX_AGE_DAYS = env_int("RENDA_PASSWORD_MAX_AGE_DAYS", 90 if _DENGBAO else 0)
RENDA_PASSWORD_HISTORY = env_int("RENDA_PASSWORD_HISTORY", 5)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "renda.accounts.passwords.RoleMinimumLengthValidator"},
    {"NAME": "renda.accounts.passwords.CharacterClassesValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "renda.accounts.passwords.PasswordHistoryValidator"},
]
# Failed logins: the (account, address) pair is locked after N failures for M minutes (locking
# by account alone would let a stranger lock every deputy out); each address is throttled too.
RENDA_LOCKOUT_FAILURES = env_int("RENDA_LOCKOUT_FAILURES", 5)
RENDA_LOCKOUT_MINUTES = env_int("RENDA_LOCKOUT_MINUTES", 30)
RENDA_ADDRESS_FAILURES = env_int("RENDA_ADDRESS_FAILURES", 20)
RENDA_ADDRESS_WINDOW_MINUTES = env_int("RENDA_ADDRESS_WINDOW_MINUTES", 15)
# Behind a reverse proxy, the META key holding the client's address (e.g. HTTP_X_REAL_IP).
RENDA_CLIENT_ADDRESS_HEADER = env_str("RENDA_CLIENT_ADDRESS_HEADER", "")
# A new login ends the account's other sessions.
RENDA_SINGLE_SESSION = env_bool("RENDA_SINGLE_SESSION", True)
# Two-factor (TOTP, django-otp): enforced in production; off in development so the demo and the
# browser tests log in with a password only. Optional for every other role.
RENDA_2FA_ENFORCED = env_bool("RENDA_2FA_ENFORCED", PRODUCTION)
RENDA_2FA_REQUIRED_ROLES = env_list(
    "RENDA_2FA_REQUIRED_ROLES", ["staff", "system_admin", "security_admin", "audit_admin"]
)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "renda")
# The Django superuser is for installation only: once a system administrator exists (or this is
# set), every page refuses it.
RENDA_INSTALLATION_DONE = env_bool("RENDA_INSTALLATION_DONE", False)
AUTHENTICATION_BACKENDS = [
    "renda.accounts.backends.UsernameOrMobileBackend",
    "renda.accounts.backends.AdministratorPermissionBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "proposals:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "renda" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "renda" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded documents live outside the web root and are served only through permission checks.
MEDIA_ROOT = Path(env_str("RENDA_MEDIA_ROOT", str(VAR_DIR / "uploads")))
# Never routed: files are served only through views that check permissions.
MEDIA_URL = "/private-media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Checked by content (renda/core/uploads.py), stored as <folder>/<year>/<uuid4>.<suffix>.
REPLY_DOCUMENT_TYPES = [".docx", ".pdf"]
REPLY_DOCUMENT_MAX_BYTES = env_int("RENDA_REPLY_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)

# Personal numbers (ID and phone numbers) are encrypted at rest: renda/core/crypto.py.
# RENDA_FIELD_KEYS: comma-separated secrets (>= 32 characters), the first encrypts, all decrypt;
# RENDA_BLIND_INDEX_KEY: the HMAC secret of the lookup columns (never rotated lightly: the
# index is recomputed by `manage.py rotate_field_keys`). Development derives both from
# SECRET_KEY (a system check warns); production refuses to start without them.
FIELD_CIPHER = env_str("RENDA_FIELD_CIPHER", "aes").strip().lower()
if FIELD_CIPHER not in {"aes", "sm4"}:
    raise ImproperlyConfigured(f"RENDA_FIELD_CIPHER={FIELD_CIPHER!r}: use 'aes' or 'sm4'")
FIELD_KEYS = env_list("RENDA_FIELD_KEYS", [])
BLIND_INDEX_KEY = env_str("RENDA_BLIND_INDEX_KEY", "")
if any(len(key) < 32 for key in [*FIELD_KEYS, *([BLIND_INDEX_KEY] if BLIND_INDEX_KEY else [])]):
    raise ImproperlyConfigured("RENDA_FIELD_KEYS and RENDA_BLIND_INDEX_KEY need >= 32 characters")
if PRODUCTION and not (FIELD_KEYS and BLIND_INDEX_KEY):
    raise ImproperlyConfigured(
        "RENDA_ENV=production needs RENDA_FIELD_KEYS and RENDA_BLIND_INDEX_KEY (field encryption)"
    )

# Content-Security-Policy (django-csp): scripts and styles only from our own static files —
# no inline <script>, no on…= handlers, no style="" attributes (a test scans the templates).
# data: images are Bootstrap's SVG icons inside its CSS. htmx's eval and injected indicator
# styles are switched off in base.html's htmx-config.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
# Idle timeout: the cookie expires, and AccountGuardMiddleware compares the session's last
# activity with the clock on every request (server side, whatever the cookie says).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
# Saved when the last activity moves on (at most once a minute), which renews the cookie too.
SESSION_SAVE_EVERY_REQUEST = False
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background work goes through Django's tasks API (the django-tasks backport). The default
# backend keeps the queue in the database and `manage.py db_worker` runs it (make run starts
# one); production may use "django_tasks_rq.RQBackend" with Redis. Tests run tasks inline.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "reports", "notifications", "textmining"],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_str("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING"),
    },
}

# Rate limits (renda/core/ratelimit.py): at most N requests per window, answered 429 after.
# Login: per client address (POSTs only); search: per user, or per address when anonymous.
RATELIMIT_LOGIN = (env_int("RENDA_LOGIN_RATE", 30), env_int("RENDA_LOGIN_RATE_SECONDS", 60))
RATELIMIT_SEARCH = (env_int("RENDA_SEARCH_RATE", 60), env_int("RENDA_SEARCH_RATE_SECONDS", 60))

# Reports (renda.reports): generated files and uploaded report templates live under
# VAR_DIR/reports; PDF comes from LibreOffice (`soffice`) where it is installed.
REPORTS_DIR = Path(env_str("RENDA_REPORTS_DIR", str(VAR_DIR / "reports")))
REPORTS_SOFFICE = env_str("RENDA_SOFFICE", "soffice")
REPORTS_PDF_TIMEOUT = env_int("RENDA_PDF_TIMEOUT", 120)
REPORTS_IMPORT_MAX_ROWS = env_int("RENDA_IMPORT_MAX_ROWS", 20000)
# Target indicators (renda.indicators): attachments to reported values, and the models whose
# objects may be linked to indicators (a future supervision app adds its deliberation opinion).
INDICATOR_ATTACHMENT_MAX_BYTES = env_int("INDICATOR_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
INDICATOR_ATTACHMENT_TYPES = [".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"]
INDICATOR_LINKABLE_MODELS = ["proposals.proposal"]
# Text mining (renda.textmining): search, recommendation, duplicates, hot topics. Models and
# jieba's cache live under VAR_DIR; nothing is downloaded.
TEXTMINING_RETRAIN_AFTER = env_int("TEXTMINING_RETRAIN_AFTER", 50)  # new assignment decisions
TEXTMINING_MIN_TRAINING_ITEMS = env_int("TEXTMINING_MIN_TRAINING_ITEMS", 20)
TEXTMINING_DUPLICATE_THRESHOLD = env_int("TEXTMINING_DUPLICATE_PERCENT", 75) / 100  # cosine
# --- Notifications and reminders (renda.notifications) ------------------------------------
# In-app notifications always; e-mail through EMAIL_BACKEND and SMS through the gateway class
# below, each delivered in the background. Defaults and their meaning: renda/notifications/conf.py.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "renda@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
NOTIFICATIONS = {
    "ENABLED": env_list("RENDA_NOTIFY_CHANNELS", ["email", "sms"]),
    "SMS_GATEWAY": env_str("RENDA_SMS_GATEWAY", "renda.notifications.channels.LoggingSmsGateway"),
    "MAX_ATTEMPTS": env_int("RENDA_NOTIFY_MAX_ATTEMPTS", 5),
    "RETRY_SECONDS": env_int("RENDA_NOTIFY_RETRY_SECONDS", 60),
    "REMINDER_TIME": env_str("RENDA_REMINDER_TIME", "08:30"),
    "DUE_SOON_UNIT": env_str("RENDA_DUE_SOON_UNIT", "working"),
    "STAFF_OVERDUE_COPY": env_str("RENDA_STAFF_OVERDUE_COPY", "digest"),
}
# Exports from the pages up to this many rows download at once; larger ones run as jobs.
REPORTS_EXPORT_SYNC_ROWS = env_int("RENDA_EXPORT_SYNC_ROWS", 1000)
# --- Audit log (renda.audit) ----------------------------------------------------------------
# Rows are chained by HMAC with this key (default: derived from SECRET_KEY — set it in
# production so that rotating SECRET_KEY keeps the log verifiable). Kept at least 180 days.
AUDIT_KEY = env_str("RENDA_AUDIT_KEY", "")
AUDIT_RETENTION_DAYS = env_int("RENDA_AUDIT_RETENTION_DAYS", 180)
if AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured("RENDA_AUDIT_RETENTION_DAYS must be at least 180 (days)")
# How many reverse proxies in front of renda append to X-Forwarded-For (0: use REMOTE_ADDR).
AUDIT_TRUSTED_PROXIES = env_int("RENDA_AUDIT_TRUSTED_PROXIES", 0)
AUDIT_EXPORT_MAX_ROWS = env_int("RENDA_AUDIT_EXPORT_MAX_ROWS", 50000)
# --- Reliability (renda.reliability): outages, retried forms, backups ----------------------
# A lost database connection answers 503 with Retry-After (seconds) instead of a 500.
RENDA_RETRY_AFTER_SECONDS = env_int("RENDA_RETRY_AFTER", 5)
# How long a form's idempotency key is remembered (a retry within it does not act twice).
RENDA_IDEMPOTENCY_HOURS = env_int("RENDA_IDEMPOTENCY_HOURS", 24)
# Where `manage.py backup NAME` writes, and PostgreSQL's client tools (pg_dump, pg_restore):
# empty means the newest /usr/lib/postgresql/*/bin that is not older than the server, or PATH.
BACKUP_DIR = Path(env_str("RENDA_BACKUP_DIR", str(VAR_DIR / "backups")))
PG_BIN_DIR = env_str("RENDA_PG_BIN", "")
