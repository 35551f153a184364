"""How a tenant known from the estate gets an account: a code on a letter, or a link by email.

Codes are per tenant (each occupant of a lease has their own), single use, and expire. Only a
hash of each code is stored. Links are signed and expire; they die once the tenant has an
account, or a new email address, or another home.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from agir.accounts.models import ActivationCode, Role, User
from agir.estate.models import Lease, Tenant

# No 0/O, 1/I/L: read aloud or copied from paper without doubt.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31^12 ≈ 2^59
LINK_SALT = "agir.accounts.activation-link"


class _CodeHasher(PBKDF2PasswordHasher):
    # Fewer rounds than for passwords: a whole estate's letters are made in one go, and a code
    # is long, random, single use and expires. The round count is stored in each hash.
    iterations = 100_000


_hasher = _CodeHasher()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """«ABCD-EFGH-JKMN»: easier to copy from a letter."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def clean_code(typed: str) -> str:
    """What the tenant typed, without spaces, dashes or case."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def clean_lease_reference(typed: str) -> str:
    return "".join(typed.split()).upper()


def issue_code(tenant: Tenant, *, now=None) -> str:
    """A new code for `tenant`, in clear (to print); earlier unused codes stop working."""
    now = now or timezone.now()
    code = new_code()
    with transaction.atomic():
        ActivationCode.objects.filter(
            tenant=tenant, used_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
        ActivationCode.objects.create(
            tenant=tenant,
            code_hash=_hasher.encode(code, _hasher.salt()),
            created_at=now,
            expires_at=now + timedelta(days=settings.ACTIVATION_CODE_DAYS),
        )
    return code


class Refusal(StrEnum):
    NO_MATCH = "no_match"  # unknown lease, or no occupant of it has this code
    EXPIRED = "expired"
    USED = "used"
    HAS_ACCOUNT = "has_account"


@dataclass(frozen=True)
class CodeCheck:
    tenant: Tenant | None = None
    code: ActivationCode | None = None
    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def check_code(lease_reference: str, typed_code: str, *, now=None) -> CodeCheck:
    """Which occupant of the current lease `lease_reference` this code belongs to, if any."""
    now = now or timezone.now()
    reference = clean_lease_reference(lease_reference)
    code = clean_code(typed_code)
    if not reference or len(code) != CODE_LENGTH:
        return CodeCheck(refusal=Refusal.NO_MATCH)
    lease = Lease.objects.current().filter(reference__iexact=reference).first()
    if lease is None:
        return CodeCheck(refusal=Refusal.NO_MATCH)
    candidates = ActivationCode.objects.filter(tenant__occupancies__lease=lease).select_related(
        "tenant"
    )
    for candidate in candidates:
        if not _hasher.verify(code, candidate.code_hash):
            continue
        if candidate.used_at is not None:
            return CodeCheck(candidate.tenant, candidate, Refusal.USED)
        if candidate.tenant.user_id is not None:
            return CodeCheck(candidate.tenant, candidate, Refusal.HAS_ACCOUNT)
        if candidate.is_expired(now):
            return CodeCheck(candidate.tenant, candidate, Refusal.EXPIRED)
        return CodeCheck(candidate.tenant, candidate)
    return CodeCheck(refusal=Refusal.NO_MATCH)


# --- links by email ----------------------------------------------------------------------


def _link_state(tenant: Tenant) -> str:
    """What a link is good for, as Django's password-reset tokens hash the password: the
    account (none yet), the address it was sent to, the lease. Once any of them changes (the
    link was used, the email or the home changed), the link no longer matches."""
    lease = tenant.current_lease()
    state = f"{tenant.pk}|{tenant.user_id}|{tenant.email.strip().lower()}|{lease and lease.pk}"
    return salted_hmac(LINK_SALT, state, algorithm="sha256").hexdigest()[:32]


def make_link_token(tenant: Tenant) -> str:
    return signing.dumps(
        {"tenant": tenant.pk, "state": _link_state(tenant)}, salt=LINK_SALT, compress=True
    )


def check_link_token(token: str) -> CodeCheck:
    """The tenant a link was sent to, while it is fresh and they are as they were then."""
    max_age = timedelta(days=settings.ACTIVATION_LINK_DAYS)
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return CodeCheck(refusal=Refusal.EXPIRED)
    except signing.BadSignature:
        return CodeCheck(refusal=Refusal.NO_MATCH)
    tenant = Tenant.objects.filter(pk=data.get("tenant")).first()
    if tenant is None or not tenant.current_lease():
        return CodeCheck(refusal=Refusal.NO_MATCH)
    if tenant.user_id is not None:
        return CodeCheck(tenant, refusal=Refusal.USED)
    if not constant_time_compare(str(data.get("state", "")), _link_state(tenant)):
        return CodeCheck(refusal=Refusal.NO_MATCH)
    return CodeCheck(tenant)


# --- the account -------------------------------------------------------------------------


class AccountError(Exception):
    """The account cannot be made (the code was used meanwhile, the name was taken…)."""

    def __init__(self, message: str, refusal: Refusal | None = None) -> None:
        super().__init__(message)
        self.refusal = refusal


def identifier_taken(identifier: str) -> bool:
    if "@" in identifier:
        return User.objects.filter(email__iexact=identifier).exists() or (
            User.objects.filter(username__iexact=identifier).exists()
        )
    return User.objects.filter(username__iexact=identifier).exists()


@transaction.atomic
def create_account(
    tenant_id: int,
    *,
    identifier: str,
    password: str,
    code_id: int | None = None,
    now=None,
) -> User:
    """Make `tenant`'s account; with `code_id`, that code is spent in the same transaction."""
    now = now or timezone.now()
    tenant = Tenant.objects.select_for_update().get(pk=tenant_id)
    if tenant.user_id is not None:
        raise AccountError("tenant already has an account", Refusal.HAS_ACCOUNT)
    if code_id is not None:
        code = ActivationCode.objects.select_for_update().get(pk=code_id, tenant=tenant)
        if code.used_at is not None:
            raise AccountError("activation code already used", Refusal.USED)
        if code.is_expired(now):
            raise AccountError("activation code expired", Refusal.EXPIRED)
        code.used_at = now
        code.save(update_fields=["used_at"])
    if identifier_taken(identifier):
        raise AccountError("identifier taken")
    is_email = "@" in identifier
    user = User.objects.create_user(
        username=identifier.lower() if is_email else identifier,
        email=identifier.lower() if is_email else tenant.email,
        password=password,
        first_name=tenant.first_name,
        last_name=tenant.last_name,
        role=Role.TENANT,
    )
    tenant.user = user
    tenant.save(update_fields=["user"])
    # Other letters sent to this tenant are of no use any more.
    ActivationCode.objects.filter(tenant=tenant, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    return user
