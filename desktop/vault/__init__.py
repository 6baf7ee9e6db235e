"""The encrypted vault: create, unlock, change keys, store debriefs. No Qt here.

See docs/vault.md for the public API and the on-disk format.
"""

from desktop.vault.backup import backup_file_name
from desktop.vault.backup_location import looks_synced
from desktop.vault.changes import Changed, ChangeNotice
from desktop.vault.database_errors import StorageBug
from desktop.vault.debriefs import DebriefNotFound, InvalidDebrief
from desktop.vault.errors import (
    BackupDamaged,
    BackupDiskFull,
    BackupInsideVault,
    BackupOfAnotherVault,
    BackupWithoutKeyslots,
    DiskFull,
    FolderNotWritable,
    InvalidKdfParameters,
    NotABackup,
    NotAVault,
    RecoveryCodeTypo,
    RestoreDiskFull,
    RestoreFolderNotEmpty,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultNewerThanApp,
    VaultOpenElsewhere,
    WrongBackupPassphrase,
    WrongBackupRecoveryCode,
    WrongDeviceKey,
    WrongPassphrase,
    WrongRecoveryCode,
)
from desktop.vault.file_modes import folder_keeps_private_modes
from desktop.vault.kdf import FLOOR_KDF, SHIPPED_KDF, KdfParams
from desktop.vault.opening import (
    create_vault,
    open_vault,
    open_vault_with_device_key,
    open_vault_with_recovery_code,
    remembered_entry,
)
from desktop.vault.passphrase_strength import PassphraseAssessment, assess_passphrase
from desktop.vault.recovery_code import check_recovery_code
from desktop.vault.restore import BackupInfo, RestoredVault, describe_backup, restore_backup
from desktop.vault.vault import DATABASE_FILE, KEYSLOTS_FILE, Vault

__all__ = [
    "DATABASE_FILE",
    "FLOOR_KDF",
    "KEYSLOTS_FILE",
    "SHIPPED_KDF",
    "BackupDamaged",
    "BackupDiskFull",
    "BackupInfo",
    "BackupInsideVault",
    "BackupOfAnotherVault",
    "BackupWithoutKeyslots",
    "ChangeNotice",
    "Changed",
    "DebriefNotFound",
    "DiskFull",
    "FolderNotWritable",
    "InvalidDebrief",
    "InvalidKdfParameters",
    "KdfParams",
    "NotABackup",
    "NotAVault",
    "PassphraseAssessment",
    "RecoveryCodeTypo",
    "RestoreDiskFull",
    "RestoreFolderNotEmpty",
    "RestoredVault",
    "StorageBug",
    "Vault",
    "VaultDamaged",
    "VaultError",
    "VaultExists",
    "VaultLocked",
    "VaultNewerThanApp",
    "VaultOpenElsewhere",
    "WrongBackupPassphrase",
    "WrongBackupRecoveryCode",
    "WrongDeviceKey",
    "WrongPassphrase",
    "WrongRecoveryCode",
    "assess_passphrase",
    "backup_file_name",
    "check_recovery_code",
    "create_vault",
    "describe_backup",
    "folder_keeps_private_modes",
    "looks_synced",
    "open_vault",
    "open_vault_with_device_key",
    "open_vault_with_recovery_code",
    "remembered_entry",
    "restore_backup",
]
