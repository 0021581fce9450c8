"""The ZIP of photos that comes with a listings file, and the ZIP check shared with XLSX reading.

A ZIP says in its directory how large each member is once inflated: `check_archive` refuses the archive on
those figures (entries, total size, each member's compression ratio) before anything is inflated, and
`PhotoArchive.read` reads a member into memory never past the photo limit, whatever the directory claimed
(a forged directory cannot make it read more). Nothing is extracted to disk. Photos are matched by file
name (without folders; case ignored when unambiguous) and go through `catalog.photos` like single uploads.
"""

import hashlib
import posixpath
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from catalog.photos import clean_photo, validate_photo

MAX_ENTRIES = 2000
MAX_PHOTOS_INFLATED_BYTES = 500 * 1024 * 1024
# Photos are compressed already: a JPEG deflates to 90-100% of its size. Far above that is a bomb.
MAX_PHOTO_RATIO = 50


class ArchiveRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def check_archive(
    archive: zipfile.ZipFile, *, max_total, max_ratio, max_member=None, max_entries=MAX_ENTRIES
):
    """Refuse (ArchiveRefused) an archive whose directory declares too many entries, too many bytes in all
    or in one member, or a member inflating more than `max_ratio` times: the signs of a ZIP bomb."""
    members = archive.infolist()
    bomb = _("This ZIP file would expand to far more than it holds (a “ZIP bomb”); it was not opened.")
    if len(members) > max_entries:
        raise ArchiveRefused(_("This ZIP file holds more than %(max)s files.") % {"max": max_entries})
    if sum(member.file_size for member in members) > max_total:
        raise ArchiveRefused(bomb)
    for member in members:
        if max_member is not None and member.file_size > max_member:
            continue  # reported for that photo alone, by PhotoArchive.problem
        if member.file_size > 1024 * 1024 and member.file_size > max_ratio * max(member.compress_size, 1):
            raise ArchiveRefused(bomb)


class PhotoArchive:
    """The photos of an import, by file name."""

    def __init__(self, fileobj):
        try:
            self.archive = zipfile.ZipFile(fileobj)
            check_archive(
                self.archive,
                max_total=MAX_PHOTOS_INFLATED_BYTES,
                max_ratio=MAX_PHOTO_RATIO,
                max_member=settings.PHOTO_MAX_BYTES,
            )
        except zipfile.BadZipFile as error:
            raise ArchiveRefused(_("The photos file is not a ZIP file.")) from error
        self.members = {}
        lowered = {}
        for member in self.archive.infolist():
            name = posixpath.basename(member.filename)
            if member.is_dir() or not name or member.filename.startswith("__MACOSX/") or name.startswith("."):
                continue
            self.members.setdefault(name, member)
            lowered.setdefault(name.lower(), []).append(member)
        # "Vase.JPG" in the sheet finds "vase.jpg" in the ZIP when only one file has that name in any case.
        self.by_lower = {key: found[0] for key, found in lowered.items() if len(found) == 1}
        self._problems, self._fingerprints = {}, {}

    def find(self, name):
        return self.members.get(name) or self.by_lower.get(name.lower())

    def read(self, name) -> bytes:
        member = self.find(name)
        with self.archive.open(member) as handle:
            return handle.read(settings.PHOTO_MAX_BYTES + 1)

    def problem(self, name) -> str | None:
        """Why the photo `name` cannot be used (missing, too large, not a photo), or None. Checked once."""
        if name not in self._problems:
            self._problems[name] = self._check(name)
        return self._problems[name]

    def _check(self, name):
        member = self.find(name)
        if member is None:
            return _("“%(name)s” is not in the photos ZIP.") % {"name": name}
        data = self.read(name)
        try:
            validate_photo(ContentFile(data, name=name))
        except ValidationError as error:
            return f"{name}: {' '.join(error.messages)}"
        return None

    def fingerprint(self, name) -> str:
        """The `Photo.file_hash` this file would get once cleaned (catalog.photo_models.Photo.save)."""
        if name not in self._fingerprints:
            cleaned = clean_photo(ContentFile(self.read(name), name=name))
            self._fingerprints[name] = hashlib.sha1(cleaned.read()).hexdigest()
        return self._fingerprints[name]

    def upload(self, name) -> ContentFile:
        """The photo as an upload, for `Photo(file=...)` (which cleans it as every upload is cleaned)."""
        return ContentFile(self.read(name), name=posixpath.basename(self.find(name).filename))


def open_photos(fileobj):
    """The archive of an uploaded or stored file (read in place: seekable, never copied to disk)."""
    fileobj.seek(0)
    return PhotoArchive(fileobj)
