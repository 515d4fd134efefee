"""A WordPress record's values as ours, noting in the report what had to change: no database."""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from comments.privacy import email_key
from comments.threads import MAX_DEPTH

from . import rules
from .content import plain_text


def clean_login(login):
    # Real exports have "<dc:creator>>name</dc:creator>": stray brackets are not part of it.
    return (login or "").strip().strip("<>").strip()


def locate(item, media_dir):
    """The attachment's file under --media-dir, its path there, or (None, path)."""
    url = item.get("wp:attachment_url") or item.get("guid") or ""
    candidates = [item["postmeta"].get("_wp_attached_file", "")]
    path = unquote(urlsplit(url).path)
    if "/wp-content/uploads/" in path:
        candidates.append(path.split("/wp-content/uploads/", 1)[1])
    candidates.append(path.lstrip("/"))
    candidates = [c.strip().lstrip("/") for c in candidates if c and c.strip()]
    shown = candidates[0] if candidates else url
    if media_dir is None:
        return None, shown
    for candidate in candidates:
        found = (media_dir / candidate).resolve()
        # A hostile export must not read files outside the media folder.
        if found.is_relative_to(media_dir) and found.is_file():
            return found, candidate
    return None, shown


def comment_values(row, status, article, label, report):
    name, _ = rules.truncate(plain_text(row.get("wp:comment_author")) or "Anonymous", 100)
    email = (row.get("wp:comment_author_email") or "").strip()[:254]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            report.note("comments", "invalid email left out", label)
            email = ""
    url = (row.get("wp:comment_author_url") or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
            if len(url) > 200:
                raise ValidationError("too long")
        except ValidationError:
            report.note("comments", "website address left out (invalid or too long)", label)
            url = ""
    created_at = rules.wp_datetime(row.get("wp:comment_date_gmt"), row.get("wp:comment_date"))
    parent = (row.get("wp:comment_parent") or "0").strip()
    return {
        "name": name,
        "email": email,
        "email_key": email_key(email) if email else "",
        "url": url,
        "body": plain_text(row.get("wp:comment_content"), keep_lines=True),
        "status": status,
        "moderation_reason": "Imported from WordPress",
        "created_at": created_at or article.published_at or timezone.now(),
        "parent_wp": parent if parent != "0" else None,
    }


def thread(parsed, label, report):
    """Each comment's depth (1 = top level), its parent re-pointed where it must be.

    A reply to a comment not imported becomes top-level; one nested deeper than we show
    (threads.MAX_DEPTH) is attached at the deepest level, under its ancestor there.
    """
    depth = {}
    for wp_id, values in parsed.items():
        chain, current = [wp_id], values.get("parent_wp")
        while current is not None and current in parsed and current not in chain:
            chain.append(current)
            current = parsed[current].get("parent_wp")
        if current is not None:
            if current in chain:
                report.note("comments", "reply loop broken: top-level", label)
            else:
                report.note("comments", "reply to a comment not imported: top-level", label)
            # Cut the chain at the first missing or looping link.
            parsed[chain[-1]]["parent_wp"] = None
        level = len(chain)
        if level > MAX_DEPTH:
            report.note("comments", f"nested deeper than {MAX_DEPTH}: moved up", label)
            # chain: self, parent, grandparent, …; keep the ancestor at MAX_DEPTH - 1.
            values["parent_wp"] = chain[level - MAX_DEPTH + 1]
            level = MAX_DEPTH
        depth[wp_id] = level
    return depth
