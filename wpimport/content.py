"""WordPress markup to our sanitised HTML, and WordPress HTML to plain text.

The steps WordPress itself takes to show a post, in the same order: block comments removed
(block content is already HTML), shortcodes expanded, automatic paragraphs for classic content.
Third-party embeds become plain links: we do not put other sites' iframes in our pages.
Everything ends in articles.html.sanitize_html, like any body an editor saves.
"""

import html
import re
from urllib.parse import unquote, urlsplit

from django.utils.html import escape, strip_tags

from articles.html import sanitize_html

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
HAS_BLOCKS = re.compile(r"<!--\s*wp:")
MORE_COMMENT = re.compile(r"<!--\s*(?:more|nextpage|noteaser)\b.*?-->", re.DOTALL)

ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    r"|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")

# [name attrs], [name attrs /], [name attrs]content[/name]; [[name]] is an escaped literal.
SHORTCODE = re.compile(
    r"\[(\[?)([a-zA-Z_][\w-]*)(?![\w-])([^\]]*?)(/?)\](?:(.*?)\[/\2\])?(\]?)", re.DOTALL
)
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)"""
)
MEDIA_SHORTCODES = {"audio", "video", "playlist", "embed", "youtube", "vimeo", "soundcloud",
                    "tweet", "twitter", "dailymotion", "flickr", "instagram", "googlemaps",
                    "ted", "slideshare", "spotify", "wpvideo", "archiveorg"}  # fmt: skip
CODE_SHORTCODES = {"code", "sourcecode", "source"}
CAPTION_SHORTCODES = {"caption", "wp_caption"}
MEDIA_ATTRIBUTES = ("src", "url", "mp3", "m4a", "ogg", "wav", "wma", "mp4", "m4v", "webm",
                    "ogv", "wmv", "flv", "id")  # fmt: skip

BLOCK_SHORTCODES = CAPTION_SHORTCODES | CODE_SHORTCODES | MEDIA_SHORTCODES | {"gallery"}
KEPT_IN_PARAGRAPH = re.compile(r"<p>\s*\x00(\d+)\x00\s*(?:<br />\s*)?</p>")
KEPT = re.compile(r"\x00(\d+)\x00")
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>")
BLANK_LINES = re.compile(r"\n\s*\n")
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"']+)[ \t]*$", re.MULTILINE)
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.IGNORECASE)
HTML_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
ANCHOR = re.compile(r"<a\b[^>]*?href=\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a>", re.I | re.DOTALL)


def shortcode_attributes(text):
    """{'name': 'value'} for named attributes; positional ones under 0, 1, …"""
    attrs, position = {}, 0
    for match in ATTRIBUTE.finditer(text or ""):
        groups = match.groups()
        for key, value in ((groups[0], groups[1]), (groups[2], groups[3]), (groups[4], groups[5])):
            if key:
                attrs[key.lower()] = html.unescape(value)
                break
        else:
            value = groups[6] if groups[6] is not None else groups[7]
            if value is not None and value != "/":
                attrs[position] = html.unescape(value)
                position += 1
    return attrs


def _link(url):
    url = html.unescape(url or "").strip()
    if not re.match(r"^https?://", url):
        return ""
    return f'<p><a href="{escape(url)}">{escape(url)}</a></p>'


class Converter:
    """Converts one site's post bodies; photos maps attachment ids and file paths to photo ids.

    photo_for_id(wp_id) and photo_for_url(url) return a library photo id or None;
    gallery_for(post_id) returns the photo ids attached to a post, for [gallery] without ids.
    """

    def __init__(self, *, photo_for_id=None, photo_for_url=None, gallery_for=None):
        self.photo_for_id = photo_for_id or (lambda wp_id: None)
        self.photo_for_url = photo_for_url or (lambda url: None)
        self.gallery_for = gallery_for or (lambda post_id: [])

    def body(self, content, *, post_id=None):
        """Our sanitised HTML for a post's content:encoded."""
        content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
        has_blocks = bool(HAS_BLOCKS.search(content))
        content = BLOCK_COMMENT.sub("", content)
        content = MORE_COMMENT.sub("", content)
        # What shortcodes and embeds make is ours: kept out of wpautop's way, as blocks.
        made = []

        def keep(html_block):
            made.append(html_block)
            return f"\n\n\x00{len(made) - 1}\x00\n\n"

        content = self.shortcodes(content, post_id=post_id, keep=keep)
        content = BARE_URL_LINE.sub(lambda m: keep(_link(m.group(1))), content)
        if not has_blocks:
            content = autop(content)
        content = KEPT_IN_PARAGRAPH.sub(lambda m: made[int(m.group(1))], content)
        content = KEPT.sub(lambda m: made[int(m.group(1))], content)
        content = self.images(content)
        content = sanitize_html(content)
        content = EMPTY_PARAGRAPH.sub("", content)
        return BLANK_LINES.sub("\n", content).strip()

    def shortcodes(self, content, *, post_id=None, keep=None):
        keep = keep or (lambda html_block: html_block)

        def replace(match):
            escaped, tag, raw_attrs, _closing, inner, end = match.groups()
            if escaped and end:
                # [[gallery]] is the text "[gallery]": hidden from the second round.
                return "\x01" + match.group(0)[2:-2] + "\x02"
            tag = tag.lower()
            attrs = shortcode_attributes(raw_attrs)
            known = tag in BLOCK_SHORTCODES or tag in CAPTION_SHORTCODES
            if (
                not known
                and inner is None
                and not _closing
                and all(isinstance(k, int) for k in attrs)
            ):
                # "[sic]", "[until Friday]": prose in brackets, not a shortcode.
                return match.group(0)
            made = self.shortcode(tag, attrs, inner, post_id)
            return keep(made) if tag in BLOCK_SHORTCODES and made else made

        # Twice: a shortcode's content may hold another (a [caption] around an [embed]).
        for _ in range(2):
            content = SHORTCODE.sub(replace, content)
        return content.replace("\x01", "[").replace("\x02", "]")

    def shortcode(self, tag, attrs, inner, post_id):
        if tag in CAPTION_SHORTCODES:
            return self.caption(attrs, inner or "")
        if tag == "gallery":
            ids = [part.strip() for part in str(attrs.get("ids", "")).split(",") if part.strip()]
            photos = [self.photo_for_id(wp_id) for wp_id in ids] if ids else None
            if photos is None:
                photos = self.gallery_for(post_id)
            return "".join(_figure(photo) for photo in photos if photo)
        if tag in MEDIA_SHORTCODES:
            url = (inner or "").strip() if tag == "embed" else ""
            for key in (*MEDIA_ATTRIBUTES, 0):
                if not url and str(attrs.get(key, "")).startswith(("http://", "https://")):
                    url = attrs[key]
            if not url and inner and re.match(r"^\s*https?://\S+\s*$", inner):
                url = inner
            return _link(url)
        if tag in CODE_SHORTCODES:
            return f"<pre><code>{escape(html.unescape(inner or ''))}</code></pre>"
        # Unknown shortcode (content, named attributes or "/]"): keep its text, drop the code.
        return inner or ""

    def caption(self, attrs, inner):
        match = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", inner, re.S)
        image, text = (match.group(1), match.group(2)) if match else ("", inner)
        text = (attrs.get("caption") or text).strip()
        caption = f"<figcaption>{text}</figcaption>" if text else ""
        return f"<figure>{image}{caption}</figure>"

    def images(self, content):
        """Images of imported attachments become library photos placed as the editor does."""

        def placed(img):
            attrs = _html_attributes(img)
            photo = None
            wp_id = WP_IMAGE_CLASS.search(attrs.get("class", ""))
            if wp_id:
                photo = self.photo_for_id(wp_id.group(1))
            if photo is None and attrs.get("src"):
                photo = self.photo_for_url(attrs["src"])
            if photo is None:
                return None
            alt = escape(attrs.get("alt", ""))
            return f'<img src="/photos/{photo}/" alt="{alt}" data-file="{photo}">'

        def unlink(match):
            replacement = placed(match.group(1))
            return replacement if replacement is not None else match.group(0)

        def replace(match):
            replacement = placed(match.group(0))
            return replacement if replacement is not None else match.group(0)

        content = LINKED_IMG.sub(unlink, content)
        return IMG.sub(replace, content)


def _figure(photo):
    return f'<figure><img src="/photos/{photo}/" alt="" data-file="{photo}"></figure>'


def _html_attributes(tag):
    attrs = {}
    for match in HTML_ATTRIBUTE.finditer(tag[4:]):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        attrs.setdefault(match.group(1).lower(), html.unescape(value))
    return attrs


def autop(text):
    """WordPress's wpautop: blank lines make paragraphs, single line breaks make <br>."""
    if not text.strip():
        return ""
    saved = []

    def keep(match):
        saved.append(match.group(0))
        return f"<pre wp-pre-tag-{len(saved) - 1}></pre>"

    text = PRE.sub(keep, text) + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    text = re.sub(rf"(<{ALLBLOCKS}[\s/>])", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</{ALLBLOCKS}>)", r"\1\n\n", text, flags=re.I)
    text = re.sub(r"<hr\s*?/?>", "<hr />\n\n", text, flags=re.I)
    # Line breaks inside a tag are not line breaks of the text.
    text = TAG.sub(lambda m: m.group(0).replace("\n", " "), text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{ALLBLOCKS}[^>]*>)", r"\1", text, flags=re.I)
    text = re.sub(rf"(</?{ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"(</?{ALLBLOCKS}[^>]*>)\s*<br />", r"\1", text, flags=re.I)
    text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text, flags=re.I
    )
    text = re.sub(r"\n</p>$", "</p>", text)
    for index, block in enumerate(saved):
        text = text.replace(f"<pre wp-pre-tag-{index}></pre>", block)
    return text


def plain_text(value, *, keep_lines=False):
    """WordPress HTML (titles, excerpts, comments) as plain text; links keep their address."""
    value = value or ""
    if keep_lines:
        value = re.sub(r"<br\s*/?>", "\n", value, flags=re.I)
        value = re.sub(r"</?p\b[^>]*>", "\n\n", value, flags=re.I)

        def link(match):
            href, text = match.group(1).strip(), strip_tags(match.group(2)).strip()
            return text if not href or href in text else f"{text} ({href})"

        value = ANCHOR.sub(link, value)
    value = html.unescape(strip_tags(value))
    if keep_lines:
        value = re.sub(r"[ \t]+\n", "\n", value)
        return re.sub(r"\n{3,}", "\n\n", value).strip()
    return re.sub(r"\s+", " ", value).strip()


def uploads_path(url):
    """The file's path under wp-content/uploads/ (or the URL's path), size suffix removed."""
    path = unquote(urlsplit(url or "").path)
    if "/wp-content/uploads/" in path:
        path = path.split("/wp-content/uploads/", 1)[1]
    return SIZE_SUFFIX.sub("", path.lstrip("/")).lower()
