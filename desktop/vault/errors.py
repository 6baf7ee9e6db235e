"""The vault's expected failures, each carrying a sentence a clinician understands.

Two tiers (STYLE.md §2): these are *known* failures of the environment or of the user's
input, built on the app's one base for such errors (`desktop.sentences.UserSentence`):
the user-facing sentence is the exception's docstring, as in magic-wormhole's errors,
and never contains note content, SQL text or a library's own message.
"""

from __future__ import annotations

from desktop.sentences import UserSentence


class VaultError(UserSentence):
    """Something went wrong with the vault."""


class WrongPassphrase(VaultError):
    """The passphrase is wrong. Check for Caps Lock and try again."""


class WrongRecoveryCode(VaultError):
    """That recovery code does not open this vault. Check that it belongs to this vault."""


class RecoveryCodeTypo(VaultError):
    """The recovery code has a typo: one or more characters do not match its checksum.
    Nothing was tried; check each group and try again."""


class WrongDeviceKey(VaultError):
    """The key this computer remembered no longer opens this vault, so it was not opened.
    Type your passphrase; nothing was lost."""


class VaultDamaged(VaultError):
    """This vault is damaged or its files do not belong together, so it cannot be opened
    safely. Nothing was changed. Restore it from a backup, or ask your IT contact for
    help."""


class VaultOpenElsewhere(VaultError):
    """This vault is already open in another Alongside window or on another computer.
    Close it there first."""


class VaultLocked(VaultError):
    """The vault is locked. Unlock it to continue."""


class VaultNewerThanApp(VaultError):
    """This vault was saved by a newer version of Alongside. Update Alongside to open it;
    the vault was not changed."""


class NotAVault(VaultError):
    """There is no Alongside vault in this folder."""


class VaultExists(VaultError):
    """There is already a vault in this folder. Choose an empty folder."""


class FolderNotWritable(VaultError):
    """Alongside cannot write to this folder. Choose a folder you are allowed to change,
    such as one in your documents or on a USB stick."""


class DiskFull(VaultError):
    """The disk is full, so the last change could not be saved. Nothing already saved was
    lost. Free some space and try again."""


class InvalidKdfParameters(VaultError):
    """This vault's key settings are outside the safe range, so it was not opened. The
    vault file may have been tampered with."""


class NotABackup(VaultError):
    """This file is not an Alongside backup. Nothing was replaced."""


class BackupDamaged(VaultError):
    """This backup file is damaged or incomplete, so it cannot be restored. Nothing was
    replaced; try another copy of the backup."""


class BackupOfAnotherVault(VaultError):
    """This backup belongs to a different vault from the one it would replace. Nothing was
    replaced; choose an empty folder to restore it as a vault of its own."""


class BackupWithoutKeyslots(VaultError):
    """This backup holds no passphrase or recovery-code key, so it cannot be opened on any
    computer. Nothing was replaced."""


class WrongBackupPassphrase(WrongPassphrase):
    """That passphrase does not open this backup. Use the passphrase the vault had when
    the backup was made. Nothing was replaced."""


class WrongBackupRecoveryCode(WrongRecoveryCode):
    """That recovery code does not open this backup. Use the recovery code the vault had
    when the backup was made. Nothing was replaced."""


class RestoreFolderNotEmpty(VaultError):
    """That folder holds other files, not an Alongside vault. Choose an empty folder or
    the vault's own folder. Nothing was replaced."""


class BackupInsideVault(VaultError):
    """A backup cannot be saved inside the vault's own folder. Choose another folder, such
    as one on a USB stick."""


class BackupDiskFull(DiskFull):
    """The disk is full, so the backup could not be written. Your vault is unchanged; free
    some space or choose another place, and try again."""


class RestoreDiskFull(DiskFull):
    """The disk is full, so the backup could not be restored. Nothing was replaced; free
    some space and try again."""
