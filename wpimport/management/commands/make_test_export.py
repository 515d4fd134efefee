"""A synthetic WordPress export at newsroom scale, for measuring the importer."""

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from django.core.management.base import BaseCommand, CommandError
from PIL import Image, ImageDraw

from .make_wxr import HEAD, sentence

AUTHORS = 12
TOPICS = 8  # top-level categories (sections), each with two nested ones (tags)
TAGS = 60
# Out of 20 posts: mostly published, a few of each other state.
STATUSES = ["publish"] * 15 + ["draft", "pending", "future", "private", "draft"]
# Out of 10 comments: approved, pending, spam, trash.
APPROVED = ["1"] * 7 + ["0", "spam", "trash"]


class Command(BaseCommand):
    help = (
        "Write a synthetic WordPress export: N posts (default 10,000) with about 3 comments each "
        "(threaded), tags, categories, several authors and mixed statuses. Deterministic (--seed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("output")
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--comments", type=int, default=3, help="Comments per post.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--photos",
            type=int,
            default=0,
            help="Attachments (JPEG photos, the first posts' featured images); needs --media-dir.",
        )
        parser.add_argument("--media-dir", help="Where to write the photos (an uploads folder).")

    def handle(self, *args, output, posts, comments, seed, photos, media_dir, **options):
        if photos and not media_dir:
            raise CommandError("--photos needs --media-dir, where the files are written.")
        counts = write_test_export(
            output, posts=posts, comments=comments, seed=seed, photos=photos, media_dir=media_dir
        )
        self.stdout.write(
            f"Wrote {counts['posts']} posts, {counts['comments']} comments and "
            f"{counts['photos']} photos to {output}."
        )


PHOTO_SIZE = (1600, 1067)


def write_photo(path, n, size=PHOTO_SIZE):
    """A JPEG (photo-sized unless told), a different picture for each n."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, ((n * 37) % 256, (n * 91) % 256, (n * 13) % 256))
    draw = ImageDraw.Draw(image)
    for k in range(12):
        x, y = (n * 53 + k * 131) % size[0], (n * 29 + k * 97) % size[1]
        draw.ellipse((x, y, x + 300, y + 200), fill=((k * 40) % 256, (n * 7) % 256, 120))
    image.save(path, "JPEG", quality=85)


def write_test_export(
    output, *, posts=10_000, comments=3, seed=1, photos=0, media_dir=None, photo_size=PHOTO_SIZE
):
    """Stream the export to output, one item at a time; returns what it wrote, counted.

    Counts: posts, comments, posts by status and comments by wp:comment_approved, for tests.
    With photos, that many attachments (ids from 100001) with their files under media_dir, the
    featured images of the first posts.
    """
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    start = datetime(2014, 1, 1, tzinfo=UTC)
    future = datetime(2031, 1, 1, tzinfo=UTC)
    counts = {"posts": 0, "comments": 0, "replies": 0, "photos": 0, "status": {}, "approved": {}}
    with open(output, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, AUTHORS + 1):
            out.write(
                f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>reporter{n}"
                f"</wp:author_login><wp:author_email>reporter{n}@synthetic.example.org"
                f"</wp:author_email><wp:author_display_name><![CDATA[Reporter {n}]]>"
                "</wp:author_display_name></wp:author>\n"
            )
        for n in range(1, TOPICS + 1):
            out.write(
                f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>desk-{n}"
                "</wp:category_nicename><wp:category_parent></wp:category_parent>"
                f"<wp:cat_name><![CDATA[Desk {n}]]></wp:cat_name></wp:category>\n"
            )
            for sub in (1, 2):
                out.write(
                    f"<wp:category><wp:term_id>{100 + n * 2 + sub}</wp:term_id>"
                    f"<wp:category_nicename>desk-{n}-beat-{sub}</wp:category_nicename>"
                    f"<wp:category_parent>desk-{n}</wp:category_parent>"
                    f"<wp:cat_name><![CDATA[Desk {n} beat {sub}]]></wp:cat_name></wp:category>\n"
                )
        for n in range(1, TAGS + 1):
            out.write(
                f"<wp:tag><wp:term_id>{200 + n}</wp:term_id><wp:tag_slug>topic-{n}</wp:tag_slug>"
                f"<wp:tag_name><![CDATA[Topic {n}]]></wp:tag_name></wp:tag>\n"
            )
        for n in range(1, photos + 1):
            relative = f"2014/01/photo-{n}.jpg"
            write_photo(Path(media_dir) / relative, n, photo_size)
            out.write(
                f"<item><title>Photo {n}</title>"
                f"<link>https://synthetic.example.org/?attachment_id={100_000 + n}</link>"
                f'<guid isPermaLink="false">https://synthetic.example.org/wp-content/uploads/'
                f"{relative}</guid><wp:post_id>{100_000 + n}</wp:post_id>"
                f"<wp:status>inherit</wp:status><wp:post_parent>{n}</wp:post_parent>"
                "<wp:post_type>attachment</wp:post_type>"
                "<wp:attachment_url>https://synthetic.example.org/wp-content/uploads/"
                f"{relative}</wp:attachment_url><wp:postmeta><wp:meta_key>_wp_attached_file"
                f"</wp:meta_key><wp:meta_value>{relative}</wp:meta_value></wp:postmeta>"
                "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
                f"<wp:meta_value>Photo number {n}</wp:meta_value></wp:postmeta></item>\n"
            )
            counts["photos"] += 1
        comment_id = 0
        for n in range(1, posts + 1):
            status = STATUSES[rng.randrange(len(STATUSES))]
            date = (future if status == "future" else start) + timedelta(
                minutes=n * 37 + rng.randint(0, 30)
            )
            stamp = f"{date:%Y-%m-%d %H:%M:%S}"
            title = f"{sentence(rng, 6)[:-1]} {n}"
            body = "\n\n".join(sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(3, 8)))
            if n % 7 == 0:
                body += f'\n\n[caption id="" align="alignnone"]{sentence(rng, 5)}[/caption]'
            if n % 10 == 0:
                body += "\n\n<ul>\n<li>" + sentence(rng, 4) + "</li>\n</ul>"
            desk = rng.randint(1, TOPICS)
            cats = f'<category domain="category" nicename="desk-{desk}"><![CDATA[Desk {desk}]]>'
            cats += "</category>"
            if rng.random() < 0.5:
                beat = rng.randint(1, 2)
                cats += (
                    f'<category domain="category" nicename="desk-{desk}-beat-{beat}">'
                    f"<![CDATA[Desk {desk} beat {beat}]]></category>"
                )
            for tag in sorted(rng.sample(range(1, TAGS + 1), rng.randint(0, 3))):
                cats += (
                    f'<category domain="post_tag" nicename="topic-{tag}">'
                    f"<![CDATA[Topic {tag}]]></category>"
                )
            out.write(
                f"<item><title>{escape(title)}</title>"
                f"<link>https://synthetic.example.org/{date:%Y/%m/%d}/story-{n}/</link>"
                f"<dc:creator>reporter{rng.randint(1, AUTHORS)}</dc:creator>"
                f'<guid isPermaLink="false">https://synthetic.example.org/?p={n}</guid>'
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[{sentence(rng, 15)}]]></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id><wp:post_date>{stamp}</wp:post_date>"
                f"<wp:post_date_gmt>{stamp}</wp:post_date_gmt>"
                f"<wp:comment_status>{'closed' if n % 13 == 0 else 'open'}</wp:comment_status>"
                f"<wp:post_name>story-{n}</wp:post_name><wp:status>{status}</wp:status>"
                f"<wp:post_type>post</wp:post_type>{cats}"
            )
            if n <= photos:
                out.write(
                    "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                    f"<wp:meta_value>{100_000 + n}</wp:meta_value></wp:postmeta>"
                )
            counts["posts"] += 1
            counts["status"][status] = counts["status"].get(status, 0) + 1
            ids = []
            for c in range(comments):
                comment_id += 1
                # The second comment answers the first, the fourth the second: threads two deep.
                parent = ids[c - 1] if c % 2 == 1 else 0
                ids.append(comment_id)
                approved = APPROVED[rng.randrange(len(APPROVED))]
                counts["comments"] += 1
                counts["replies"] += bool(parent)
                counts["approved"][approved] = counts["approved"].get(approved, 0) + 1
                when = date + timedelta(hours=c + 1)
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>Reader {comment_id % 997}</wp:comment_author>"
                    f"<wp:comment_author_email>reader{comment_id % 997}@mail.example"
                    "</wp:comment_author_email>"
                    f"<wp:comment_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
                    f"<wp:comment_content><![CDATA[{sentence(rng, 20)}]]></wp:comment_content>"
                    f"<wp:comment_approved>{approved}</wp:comment_approved>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
                )
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")
    return counts
