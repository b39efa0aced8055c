"""Backup codes for the second factor: made at random, stored only as keyed hashes, each usable once.

A code is 8 characters of base32 (40 random bits). What is stored is "hmac_sha256$<salt>$<digest>":
HMAC-SHA256 under a key derived from SECRET_KEY and a random 128-bit salt of its own. Why a fast keyed
hash rather than the password hasher: docs/decisions/0019-backup-codes-hashed.md.
"""

from base64 import b32encode
from secrets import token_bytes

from django.conf import settings
from django.contrib.auth.hashers import BasePasswordHasher, make_password
from django.utils.crypto import constant_time_compare, salted_hmac

CODE_BYTES = 5  # 8 base32 characters


def new_code() -> str:
    return b32encode(token_bytes(CODE_BYTES)).decode().lower()


def normalise(code: str) -> str:
    """As a person may type it: spaces, hyphens and capitals do not matter."""
    return "".join(code.split()).replace("-", "").lower()


class BackupCodeHasher(BasePasswordHasher):
    """Django's password hasher interface over HMAC-SHA256 keyed by SECRET_KEY (or one of
    SECRET_KEY_FALLBACKS, so that rotating the key with the old one as a fallback keeps codes working).

    Not in PASSWORD_HASHERS: passwords keep the slow hasher. Used through `hash_code` and `code_matches`.
    """

    algorithm = "hmac_sha256"
    key_salt = "accounts.backup_codes"

    def _digest(self, code: str, salt: str, secret) -> str:
        return salted_hmac(f"{self.key_salt}${salt}", code, secret=secret, algorithm="sha256").hexdigest()

    def encode(self, password, salt):
        self._check_encode_args(password, salt)
        return f"{self.algorithm}${salt}${self._digest(password, salt, settings.SECRET_KEY)}"

    def decode(self, encoded):
        algorithm, salt, digest = encoded.split("$", 2)
        if algorithm != self.algorithm:
            raise ValueError(f"Not a backup code hash: {algorithm!r}")
        return {"algorithm": algorithm, "salt": salt, "hash": digest}

    def verify(self, password, encoded):
        try:
            decoded = self.decode(encoded)
        except ValueError:
            return False
        secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        return any(
            constant_time_compare(self._digest(password, decoded["salt"], secret), decoded["hash"])
            for secret in secrets
        )

    def safe_summary(self, encoded):
        return {"algorithm": self.algorithm}

    def harden_runtime(self, password, encoded):
        pass


HASHER = BackupCodeHasher()


def hash_code(code: str) -> str:
    return make_password(normalise(code), hasher=HASHER)


def code_matches(code: str, encoded: str) -> bool:
    return HASHER.verify(normalise(code), encoded)
