"""Write paths of the photo library. Each one runs in one transaction.

Files cannot take part in a database transaction, so each service keeps its files in step by
hand: files written by a failed attempt are deleted at once, and files replaced by a successful
one are deleted only after the transaction commits.
"""

import contextlib
import logging
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import renditions
from .models import Photo, Rendition
from .validation import prepare_image, prepare_stored_image

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = ("alt_text", "caption", "credit", "focal_x", "focal_y")


def _storage():
    return Photo._meta.get_field("image").storage


def _original_name(image_format):
    # Named by a random key and the verified format, never by the uploaded file's name.
    extension = renditions.EXTENSIONS[image_format]
    return f"photos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def _rendition_name(original_name, spec):
    stem = original_name.rsplit(".", 1)[0]
    ratio = spec.ratio.replace(":", "x") + "-" if spec.ratio else ""
    return f"{stem}/{ratio}{spec.width}w.{renditions.EXTENSIONS[spec.format]}"


def _write(name, data, written):
    stored = _storage().save(name, ContentFile(data))
    written.append(stored)
    return stored


def _delete_files(names):
    storage = _storage()
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            # A disk raises OSError, S3 its own errors. A file left behind costs a little space;
            # an error here would fail a request whose change is already committed.
            logger.warning("Could not delete %s from the media storage", name, exc_info=True)


@contextlib.contextmanager
def _files_undone_on_error():
    """Yield a list to record written files in; delete them all if the block raises."""
    written = []
    try:
        yield written
    except BaseException:
        _delete_files(written)
        raise


def _create_renditions(photo, prepared, written):
    rows = []
    for spec, data in renditions.make_renditions(
        prepared.image, prepared.format, photo.focal_x, photo.focal_y
    ):
        name = _write(_rendition_name(photo.image.name, spec), data, written)
        rows.append(
            Rendition(
                photo=photo,
                ratio=spec.ratio,
                width=spec.width,
                height=spec.height,
                format=spec.format,
                file=name,
                size=len(data),
            )
        )
    Rendition.objects.bulk_create(rows)
    # A with_renditions() cache on this instance would now be stale.
    getattr(photo, "_prefetched_objects_cache", {}).pop("renditions", None)


def _store_original(photo, prepared, written):
    data = renditions.encode(prepared.image, prepared.format, for_original=True)
    photo.image = _write(_original_name(prepared.format), data, written)
    photo.width, photo.height = prepared.size


def photo_create(
    *,
    image_file,
    alt_text,
    caption="",
    credit="",
    focal_x=None,
    focal_y=None,
    uploaded_by=None,
):
    """Check and clean an uploaded image, store it and make its renditions.

    Raises ValidationError, with nothing saved, when the file or the fields are refused.
    """
    photo = Photo(
        alt_text=alt_text.strip(),
        caption=caption,
        credit=credit,
        focal_x=focal_x,
        focal_y=focal_y,
        uploaded_by=uploaded_by,
    )
    photo.full_clean(exclude=["image", "width", "height"])
    prepared = prepare_image(image_file)
    with _files_undone_on_error() as written, transaction.atomic():
        _store_original(photo, prepared, written)
        photo.save()
        _create_renditions(photo, prepared, written)
    return photo


def photo_update(*, photo, image_file=None, **fields):
    """Change a photo's fields, and replace its image if image_file is given.

    Renditions are made again when the image or the focal point changes; the files they replace
    are deleted once the change is committed.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"photo_update() cannot change {', '.join(sorted(unknown))}")
    old_focal = (photo.focal_x, photo.focal_y)
    for name, value in fields.items():
        setattr(photo, name, value.strip() if name == "alt_text" else value)
    photo.full_clean(exclude=["image", "width", "height"])
    if image_file is None and (photo.focal_x, photo.focal_y) == old_focal:
        photo.save(update_fields=EDITABLE_FIELDS)
        return photo

    if image_file is not None:
        prepared = prepare_image(image_file)
        replaced = [photo.image.name]
    else:
        with photo.image.open("rb") as stored:
            prepared = prepare_stored_image(stored)
        replaced = []
    replaced += list(photo.renditions.values_list("file", flat=True))
    with _files_undone_on_error() as written, transaction.atomic():
        if image_file is not None:
            _store_original(photo, prepared, written)
        photo.save()
        photo.renditions.all().delete()
        _create_renditions(photo, prepared, written)
        transaction.on_commit(lambda: _delete_files(replaced))
    return photo


def photo_delete(*, photo):
    """Delete a photo, its renditions and, once that is committed, their files."""
    files = [photo.image.name, *photo.renditions.values_list("file", flat=True)]
    with transaction.atomic():
        photo.delete()
        transaction.on_commit(lambda: _delete_files(files))
