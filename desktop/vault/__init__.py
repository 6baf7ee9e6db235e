"""The encrypted vault: create, unlock, change keys, store debriefs. No Qt here.

See docs/vault.md for the public API and the on-disk format.
"""

from desktop.vault.changes import Changed, ChangeNotice
from desktop.vault.database_errors import StorageBug
from desktop.vault.debriefs import DebriefNotFound, InvalidDebrief
from desktop.vault.errors import (
    DiskFull,
    FolderNotWritable,
    InvalidKdfParameters,
    NotAVault,
    RecoveryCodeTypo,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultNewerThanApp,
    VaultOpenElsewhere,
    WrongPassphrase,
    WrongRecoveryCode,
)
from desktop.vault.kdf import FLOOR_KDF, SHIPPED_KDF, KdfParams
from desktop.vault.opening import create_vault, open_vault, open_vault_with_recovery_code
from desktop.vault.passphrase_strength import PassphraseAssessment, assess_passphrase
from desktop.vault.recovery_code import check_recovery_code
from desktop.vault.vault import DATABASE_FILE, KEYSLOTS_FILE, Vault

__all__ = [
    "DATABASE_FILE",
    "FLOOR_KDF",
    "KEYSLOTS_FILE",
    "SHIPPED_KDF",
    "ChangeNotice",
    "Changed",
    "DebriefNotFound",
    "DiskFull",
    "FolderNotWritable",
    "InvalidDebrief",
    "InvalidKdfParameters",
    "KdfParams",
    "NotAVault",
    "PassphraseAssessment",
    "RecoveryCodeTypo",
    "StorageBug",
    "Vault",
    "VaultDamaged",
    "VaultError",
    "VaultExists",
    "VaultLocked",
    "VaultNewerThanApp",
    "VaultOpenElsewhere",
    "WrongPassphrase",
    "WrongRecoveryCode",
    "assess_passphrase",
    "check_recovery_code",
    "create_vault",
    "open_vault",
    "open_vault_with_recovery_code",
]
