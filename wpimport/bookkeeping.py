"""What an import keeps of each item: which object it became here (with a digest), its old URLs."""

import hashlib
import json

from .models import ImportedObject, LegacyRedirect
from .rules import Skip

REDIRECT_TARGETS = ("article", "page", "section", "tag", "author", "photo")


def digest(values):
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


class Bookkeeping:
    """ImportedObject and LegacyRedirect rows, for the Importer (its site, other_sites, report)."""

    def mapping(self, kind, wp_id, guid=""):
        found = ImportedObject.objects.filter(site=self.site, kind=kind, wp_id=wp_id).first()
        if found is None and guid and self.other_sites:
            # The same item exported from the site under an earlier address (GUIDs stay).
            found = (
                ImportedObject.objects.filter(kind=kind, guid=guid).exclude(site=self.site).first()
            )
        return found

    def outcome(self, mapping, target_field, content_hash):
        """'created', 'updated' or 'unchanged'; Skip when the object was deleted here."""
        if mapping is None:
            return "created"
        if getattr(mapping, f"{target_field}_id") is None:
            raise Skip("deleted here after an earlier import (not brought back)")
        return "unchanged" if mapping.content_hash == content_hash else "updated"

    def remember(self, mapping, kind, wp_id, guid, content_hash, **target):
        if mapping is None:
            mapping = ImportedObject(site=self.site, kind=kind, wp_id=wp_id)
        mapping.guid = (guid or "")[:500]
        mapping.content_hash = content_hash
        for name, value in target.items():
            setattr(mapping, name, value)
        mapping.save()
        return mapping

    def redirects(self, keys, **target):
        """Old addresses (keys from rules.old_path) answering 301 to target, kept up to date."""
        self.redirects_many([(keys, target)])

    def redirects_many(self, pairs):
        """redirects() for many targets: pairs of (keys, {field: object}); a few queries in all."""
        pairs = [
            ({key[:500] for key in keys if key}, next(iter(target.items())))
            for keys, target in pairs
        ]
        wanted = {key for keys, _target in pairs for key in keys}
        if not wanted:
            return
        existing = {r.old_path: r for r in LegacyRedirect.objects.filter(old_path__in=wanted)}
        new, changed = {}, {}
        for keys, (name, obj) in pairs:
            for key in sorted(keys):
                redirect = new.get(key) or existing.get(key)
                if redirect is None:
                    new[key] = LegacyRedirect(old_path=key, **{name: obj})
                    self.report.record("redirects", "created")
                elif all(
                    getattr(redirect, f"{field}_id") == (obj.pk if field == name else None)
                    for field in REDIRECT_TARGETS
                ):
                    self.report.record("redirects", "unchanged")
                else:
                    for field in REDIRECT_TARGETS:
                        setattr(redirect, field, obj if field == name else None)
                    if key not in new:
                        changed[key] = redirect
                    self.report.record("redirects", "updated")
        LegacyRedirect.objects.bulk_create(list(new.values()))
        if changed:
            LegacyRedirect.objects.bulk_update(list(changed.values()), list(REDIRECT_TARGETS))
