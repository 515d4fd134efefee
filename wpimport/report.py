"""What an import did, per kind of thing: created, updated, unchanged, skipped (with reasons)."""

from collections import Counter, defaultdict

KINDS = (
    "authors",
    "sections",
    "tags",
    "attachments",
    "articles",
    "pages",
    "comments",
    "redirects",
    "other items",
)
OUTCOMES = ("created", "updated", "unchanged", "skipped")
EXAMPLES = 5


class Report:
    def __init__(self, *, dry_run=False):
        self.dry_run = dry_run
        self.site = ""
        self.title = ""
        self.default_section = ""
        self.counts = {kind: Counter() for kind in KINDS}
        self.reasons = defaultdict(Counter)
        self.notes = defaultdict(Counter)
        self.examples = defaultdict(list)
        self.states = defaultdict(Counter)
        self.missing_media = []

    def record(self, kind, outcome):
        self.counts[kind][outcome] += 1

    def skip(self, kind, reason, label=None, *, count=1):
        self.counts[kind]["skipped"] += count
        self.reasons[kind][reason] += count
        self._example(kind, reason, label)

    def note(self, kind, note, label=None):
        self.notes[kind][note] += 1
        self._example(kind, note, label)

    def state(self, kind, state):
        self.states[kind][state] += 1

    def _example(self, kind, text, label):
        examples = self.examples[(kind, text)]
        if label and len(examples) < EXAMPLES:
            examples.append(str(label))

    def merge(self, other):
        """Add another report's counts, reasons, notes and states (a batch's, once written)."""
        for kind, counts in other.counts.items():
            self.counts[kind].update(counts)
        for table, theirs in ((self.reasons, other.reasons), (self.notes, other.notes)):
            for kind, counter in theirs.items():
                table[kind].update(counter)
        for kind, counter in other.states.items():
            self.states[kind].update(counter)
        for key, labels in other.examples.items():
            examples = self.examples[key]
            examples += labels[: EXAMPLES - len(examples)]
        self.missing_media += other.missing_media

    def total(self, kind, outcome):
        return self.counts[kind][outcome]

    def lines(self):
        heading = f"WordPress import of “{self.title}” ({self.site})"
        if self.dry_run:
            heading += " — DRY RUN: nothing was written"
        out = [heading, "", f"{'':14}" + "".join(f"{o:>11}" for o in OUTCOMES)]
        for kind in KINDS:
            out.append(f"{kind:14}" + "".join(f"{self.counts[kind][o]:>11}" for o in OUTCOMES))
        for kind, label in (("articles", "Articles by state"), ("comments", "Comments by state")):
            if self.states[kind]:
                states = ", ".join(f"{s} {n}" for s, n in sorted(self.states[kind].items()))
                out.append(f"{label} (created, updated or unchanged): {states}")
        out += [
            "",
            "Top-level categories became sections; nested categories, and a post's categories "
            "after its first, became tags. Posts without a category went to the section "
            f"“{self.default_section}”. Logins are only made with --create-logins; WordPress "
            "emails of authors are not kept otherwise.",
        ]
        for title, table in (("Skipped", self.reasons), ("Notes", self.notes)):
            if any(table.values()):
                out += ["", f"{title}:"]
                for kind in sorted(table):
                    for text, count in table[kind].most_common():
                        examples = self.examples.get((kind, text))
                        example = f" — e.g. {'; '.join(examples)}" if examples else ""
                        out.append(f"  {kind}: {text} x{count}{example}")
        if self.missing_media:
            out += [
                "",
                f"Media files not found ({len(self.missing_media)}); give the WordPress "
                "wp-content/uploads folder as --media-dir and run the import again:",
            ]
            out += [f"  {path}" for path in self.missing_media]
        return out

    def as_dict(self):
        return {
            "counts": {kind: dict(counts) for kind, counts in self.counts.items()},
            "states": {kind: dict(states) for kind, states in self.states.items()},
            "reasons": {kind: dict(reasons) for kind, reasons in self.reasons.items()},
            "notes": {kind: dict(notes) for kind, notes in self.notes.items()},
            "missing_media": list(self.missing_media),
        }
