"""Reading WordPress export (WXR) files as a stream: one item in memory at a time.

WordPress has written its namespace as http://wordpress.org/export/1.0/, 1.1/, 1.2/ and the
https:// form; any of them is accepted. Entities are never resolved and nothing is fetched.
"""

import re
from dataclasses import dataclass, field

from lxml import etree

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
CHANNEL_TERMS = {"wp:author", "wp:category", "wp:tag", "wp:term"}
NOT_WXR = "{name} is not a WordPress export (WXR) file: {why}. Nothing was imported."


class NotWXR(Exception):
    """The file is not a WordPress export; nothing should be written."""


@dataclass
class Summary:
    """What a first quick read of the file found: the site and how many items of each type."""

    title: str = ""
    link: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    items: int = 0
    item_types: dict = field(default_factory=dict)

    @property
    def site(self):
        return (self.base_blog_url or self.link).rstrip("/")


def name(tag):
    """'wp:post_id' for any WordPress namespace variant, 'content:encoded', 'title', …"""
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    if tag[0] != "{":
        return tag
    uri, local = tag[1:].split("}", 1)
    if WP_NAMESPACE.match(uri):
        return f"wp:{local}"
    if EXCERPT_NAMESPACE.match(uri):
        return f"excerpt:{local}"
    prefix = PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else local


def _events(path, events):
    return etree.iterparse(
        str(path),
        events=events,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
    )


def _forget(elem):
    """Free an element once read, and the siblings read before it."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def scan(path, label=None):
    """Check that the file is a WXR export from start to end, and count its items.

    Raises NotWXR with a message for people; reads the whole file in constant memory.
    """
    label = label or str(path)
    summary = Summary()
    seen_root = False
    try:
        for event, elem in _events(path, ("start", "end")):
            if event == "start":
                if not seen_root:
                    seen_root = True
                    if name(elem.tag) != "rss":
                        raise NotWXR(
                            NOT_WXR.format(name=label, why=f"it is <{name(elem.tag)}>, not <rss>")
                        )
                    if not any(WP_NAMESPACE.match(uri or "") for uri in elem.nsmap.values()):
                        raise NotWXR(
                            NOT_WXR.format(
                                name=label, why="it is an RSS feed without WordPress's namespace"
                            )
                        )
                continue
            parent = elem.getparent()
            if parent is None or parent.tag != "channel":
                continue
            tag = name(elem.tag)
            if tag == "item":
                summary.items += 1
                post_type = _text(elem, "wp:post_type") or "post"
                summary.item_types[post_type] = summary.item_types.get(post_type, 0) + 1
            elif tag == "title":
                summary.title = (elem.text or "").strip()
            elif tag == "link":
                summary.link = (elem.text or "").strip()
            elif tag == "wp:base_blog_url":
                summary.base_blog_url = (elem.text or "").strip()
            elif tag == "wp:wxr_version":
                summary.wxr_version = (elem.text or "").strip()
            _forget(elem)
    except etree.XMLSyntaxError as error:
        why = "it is empty" if not seen_root else f"it is not well-formed XML ({error})"
        raise NotWXR(NOT_WXR.format(name=label, why=why)) from error
    if not seen_root:
        raise NotWXR(NOT_WXR.format(name=label, why="it is empty"))
    if not summary.wxr_version and not summary.items:
        raise NotWXR(NOT_WXR.format(name=label, why="it has no WordPress items nor version"))
    return summary


def _text(elem, tag):
    for child in elem:
        if name(child.tag) == tag:
            return child.text or ""
    return ""


def _fields(elem):
    """The element's simple children as {name: text}; the first of each name wins."""
    fields = {}
    for child in elem:
        fields.setdefault(name(child.tag), child.text or "")
    return fields


def parse_item(elem):
    """An <item> as a dict: its fields, categories, postmeta and comments."""
    item = {"categories": [], "postmeta": {}, "comments": []}
    for child in elem:
        tag = name(child.tag)
        if tag == "category":
            item["categories"].append(
                {
                    "domain": child.get("domain", "category"),
                    "nicename": child.get("nicename", ""),
                    "name": (child.text or "").strip(),
                }
            )
        elif tag == "wp:postmeta":
            meta = _fields(child)
            item["postmeta"].setdefault(meta.get("wp:meta_key", ""), meta.get("wp:meta_value", ""))
        elif tag == "wp:comment":
            item["comments"].append(_fields(child))
        else:
            item.setdefault(tag, child.text or "")
    return item


def read(path):
    """Yield (kind, data) for the channel's terms and then each item, in file order.

    kind is 'wp:author', 'wp:category', 'wp:tag', 'wp:term' (data: the fields) or 'item'
    (data: parse_item()). Call scan() first: this assumes the file is a WXR export.
    """
    for _event, elem in _events(path, ("end",)):
        parent = elem.getparent()
        if parent is None or parent.tag != "channel":
            continue
        tag = name(elem.tag)
        if tag == "item":
            yield "item", parse_item(elem)
        elif tag in CHANNEL_TERMS:
            yield tag, _fields(elem)
        _forget(elem)
