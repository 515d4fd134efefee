"""Importing attachments: each file found under --media-dir becomes a photo in the library."""

import hashlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from photos.services import photo_create, photo_update

from . import rules
from .bookkeeping import digest
from .content import plain_text, uploads_path
from .convert import locate
from .models import ImportedObject
from .rules import Skip

Kind = ImportedObject.Kind


class Media:
    # Attachments

    def attachment(self, item):
        wp_id = (item.get("wp:post_id") or "").strip()
        title = plain_text(item.get("title"))
        label = f"{wp_id} “{title}”"
        with self.item("attachments", label):
            self._attachment(wp_id, title, item, label)

    def _attachment(self, wp_id, title, item, label):
        url = item.get("wp:attachment_url") or item.get("guid") or ""
        file, relative = locate(item, self.media_dir)
        mapping = self.mapping(Kind.ATTACHMENT, wp_id, item.get("guid", ""))
        if file is None:
            self.report.missing_media.append(relative)
            why = "file not found under --media-dir" if self.media_dir else "no --media-dir given"
            raise Skip(f"{why} (listed below)")
        alt = plain_text(item["postmeta"].get("_wp_attachment_image_alt"))
        alt_from_title = not alt
        if alt_from_title:
            alt = title or Path(relative).stem
        alt, _ = rules.truncate(alt, 300)
        caption, _ = rules.truncate(plain_text(item.get("excerpt:encoded")), 1000)
        data = file.read_bytes()
        file_hash = hashlib.sha256(data).hexdigest()
        content_hash = digest({"file": file_hash, "alt": alt, "caption": caption})
        outcome = self.outcome(mapping, "photo", content_hash)
        photo = mapping.photo if mapping else None
        try:
            if outcome != "unchanged" and self.dry_run:
                pass  # no file is written in a dry run
            elif outcome == "created":
                image = ContentFile(data, name=file.name)
                photo = photo_create(image_file=image, alt_text=alt, caption=caption)
            elif outcome == "updated":
                photo_update(
                    photo=photo,
                    image_file=ContentFile(data, name=file.name),
                    alt_text=alt,
                    caption=caption,
                )
        except ValidationError as error:
            raise Skip(f"not imported: {' '.join(error.messages)}") from error
        if alt_from_title:
            self.report.note("attachments", "no alt text: the title was used", label)
        if outcome != "unchanged" and not self.dry_run:
            self.remember(
                mapping, Kind.ATTACHMENT, wp_id, item.get("guid"), content_hash, photo=photo
            )
        self.report.record("attachments", outcome)
        photo_id = photo.pk if photo else None
        if photo_id is None:
            return
        self.photos[wp_id] = photo_id
        self.photo_paths[uploads_path(url)] = photo_id
        parent = (item.get("wp:post_parent") or "0").strip()
        if parent != "0":
            self.attached[parent].append(photo_id)
        keys = [f"?attachment_id={wp_id}", rules.old_path(item.get("link"), self.site)]
        if "/wp-content/uploads/" in url:
            keys.append(rules.old_path(url.split("?")[0]))
        self.redirects(keys, photo=photo)
