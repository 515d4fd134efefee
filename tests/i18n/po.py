"""A small reader of gettext .po files: enough to compare a catalog with its compiled .mo
without GNU gettext (which a fresh machine may not have)."""

import ast


def entries(path):
    """Each entry of the file as a dict: msgctxt, msgid, msgid_plural, msgstr or msgstr[n]."""
    found, entry, key = [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if entry:
                found.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, text = line.partition(" ")
            entry[key] = ast.literal_eval(text)
    return found


def translations(path):
    """The catalog a .mo compiled from this .po holds, as gettext.GNUTranslations reads it:
    {msgid: msgstr} and {(msgid, n): msgstr} for plurals; untranslated and fuzzy left out."""
    catalog = {}
    for entry in entries(path):
        if not entry.get("msgid") or "fuzzy" in entry.get("flags", ()):
            continue
        context = entry.get("msgctxt")
        msgid = f"{context}\x04{entry['msgid']}" if context is not None else entry["msgid"]
        if "msgid_plural" in entry:
            forms = sorted(k for k in entry if k.startswith("msgstr["))
            if all(entry[k] for k in forms):
                for k in forms:
                    catalog[(msgid, int(k[7:-1]))] = entry[k]
        elif entry.get("msgstr"):
            catalog[msgid] = entry["msgstr"]
    return catalog
