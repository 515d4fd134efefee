import random
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from django.core.management.base import BaseCommand

WORDS = ["river", "council", "bridge", "market", "school", "flood", "vote", "budget", "harbour",
         "mayor", "rowing", "quay", "library", "ferry", "court", "winter", "summer", "plan",
         "road", "rail", "town", "hall", "residents", "barrier", "weather", "festival"]  # fmt: skip
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Synthetic export</title>
<link>https://synthetic.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://synthetic.example.org</wp:base_blog_url>
"""


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


class Command(BaseCommand):
    help = "Write a synthetic WordPress export of N posts (for measuring the importer)."

    def add_arguments(self, parser):
        parser.add_argument("output")
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--comments", type=int, default=3, help="Comments per post.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, output, posts, comments, seed, **options):
        write_wxr(output, posts=posts, comments=comments, seed=seed)
        self.stdout.write(f"Wrote {posts} posts to {output}.")


def write_wxr(output, *, posts, comments=3, seed=1):
    """Stream a synthetic export to output: authors, categories, tags, posts with comments."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    start = datetime(2012, 1, 1, tzinfo=UTC)
    with open(output, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, 11):
            out.write(
                f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>writer{n}"
                f"</wp:author_login><wp:author_email>writer{n}@synthetic.example.org"
                f"</wp:author_email><wp:author_display_name><![CDATA[Writer {n}]]>"
                "</wp:author_display_name></wp:author>\n"
            )
        for n in range(1, 11):
            out.write(
                f"<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>topic-{n}"
                f"</wp:category_nicename><wp:category_parent></wp:category_parent>"
                f"<wp:cat_name><![CDATA[Topic {n}]]></wp:cat_name></wp:category>\n"
                f"<wp:category><wp:term_id>{100 + n}</wp:term_id><wp:category_nicename>sub-{n}"
                f"</wp:category_nicename><wp:category_parent>topic-{n}</wp:category_parent>"
                f"<wp:cat_name><![CDATA[Sub {n}]]></wp:cat_name></wp:category>\n"
            )
        for n in range(1, 51):
            out.write(
                f"<wp:tag><wp:term_id>{200 + n}</wp:term_id><wp:tag_slug>tag-{n}</wp:tag_slug>"
                f"<wp:tag_name><![CDATA[Tag {n}]]></wp:tag_name></wp:tag>\n"
            )
        comment_id = 0
        for n in range(1, posts + 1):
            date = start + timedelta(hours=n * 3 + rng.randint(0, 2))
            stamp = f"{date:%Y-%m-%d %H:%M:%S}"
            title = sentence(rng, 6)[:-1]
            body = "\n\n".join(sentence(rng, 40) for _ in range(5))
            if n % 10 == 0:
                body += '\n\nhttps://www.youtube.com/watch?v=synthetic\n\n[gallery ids="1,2"]'
            topic, tag = rng.randint(1, 10), rng.randint(1, 50)
            out.write(
                f"<item><title>{escape(title)}</title>"
                f"<link>https://synthetic.example.org/{date:%Y/%m/%d}/post-{n}/</link>"
                f"<dc:creator>writer{rng.randint(1, 10)}</dc:creator>"
                f'<guid isPermaLink="false">https://synthetic.example.org/?p={n}</guid>'
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[{sentence(rng, 15)}]]></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id><wp:post_date>{stamp}</wp:post_date>"
                f"<wp:post_date_gmt>{stamp}</wp:post_date_gmt>"
                f"<wp:comment_status>open</wp:comment_status><wp:post_name>post-{n}</wp:post_name>"
                f"<wp:status>{'draft' if n % 50 == 0 else 'publish'}</wp:status>"
                "<wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="sub-{topic}"><![CDATA[Sub {topic}]]>'
                "</category>"
                f'<category domain="post_tag" nicename="tag-{tag}"><![CDATA[Tag {tag}]]></category>'
            )
            for c in range(comments):
                comment_id += 1
                parent = comment_id - 1 if c == comments - 1 and c > 0 else 0
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>Reader {comment_id}</wp:comment_author>"
                    f"<wp:comment_author_email>reader{comment_id}@mail.example</wp:comment_author_email>"
                    f"<wp:comment_date_gmt>{stamp}</wp:comment_date_gmt>"
                    f"<wp:comment_content><![CDATA[{sentence(rng, 20)}]]></wp:comment_content>"
                    f"<wp:comment_approved>{'1' if c % 3 else '0'}</wp:comment_approved>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
                )
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")
