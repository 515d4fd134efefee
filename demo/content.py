"""Demo content for `manage.py seed_demo`: The Riverside Ledger, news for the Ravel valley.

Everything here is fiction written for this project. The towns, from the hills to the sea:
Coldharbour, Hatton Lock, Millbrook, Alder Ferry, Wenham Weir and Saltmarsh End, with the
city of Kingsmere up the line. Commenters' addresses use the reserved example domains only.

The content is data, in demo/data/. demo.toml holds the small tables: users, sections,
authors, the order of the articles, and where comments appear to come from. Each article is a
file in demo/data/articles/ named after its slug: a TOML front matter between two "+++" lines,
then the body. The front matter has headline, section (a slug), authors (slugs, in byline
order), tags, dateline and dek, and then one of:

    published = { days_ago = 3, time = "06:15" }    (local time, that many days before the seed)
    scheduled_in_days = 2                           (goes out that many days after the seed)
    status = "draft" or "review", with created_days_ago = 2

optionally updated_after (hours after publication it was last edited), comment_policy, a
[photo] table (file, a name in data/photos/, listed in data/photos/LICENSES; alt, caption and
credit) for the lead photo, and [[comments]] tables: name, email, url (optional), status,
after (hours after publication) and body, stored as written.

Bodies use a small markup, a subset of Markdown, that the command turns into HTML: blocks are
separated by a blank line; "## " starts a subhead, "> " a blockquote, "- " a list item; any
other block is a paragraph. Lines inside a block are joined with spaces, so they can be
wrapped freely.
"""

import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PHOTOS = DATA / "photos"
FENCE = "+++"

DEMO_PASSWORD = "newsroom-demo"  # noqa: S105 (well known on purpose; refused with debug off)


def parse_toml(text, path):
    """Parse TOML text, naming the file it came from when it is invalid."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from None


def read_article(path):
    """Read one article file into the dict seed_demo expects."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[0] != FENCE or FENCE not in lines[1:]:
        raise ValueError(f'{path}: expected front matter between two "{FENCE}" lines')
    end = lines.index(FENCE, 1)
    article = parse_toml("\n".join(lines[1:end]), path)
    if "published" in article:
        published = article["published"]
        article["published"] = (published["days_ago"], published["time"])
    article["body"] = "\n".join(lines[end + 1 :]).strip()
    return article


def read_articles(order):
    """Read the article files in the order demo.toml lists them, all of them and only them."""
    files = {path.stem: path for path in (DATA / "articles").glob("*.md")}
    unlisted = sorted(files.keys() - set(order))
    missing = sorted(set(order) - files.keys())
    repeated = sorted({name for name in order if order.count(name) > 1})
    if unlisted or missing or repeated:
        raise ValueError(
            f"{DATA / 'demo.toml'} [articles] order: not listed {unlisted}, "
            f"no such file {missing}, listed twice {repeated}"
        )
    return [read_article(files[name]) for name in order]


_tables = parse_toml((DATA / "demo.toml").read_text(encoding="utf-8"), DATA / "demo.toml")

# TOML has no null: a key left out of the file means None.
USERS = [{"group": None, **user} for user in _tables["users"]]
SECTIONS = _tables["sections"]
AUTHORS = [{"user": None, **author} for author in _tables["authors"]]
IP_ADDRESSES = _tables["comments"]["ip_addresses"]
USER_AGENTS = _tables["comments"]["user_agents"]
ARTICLES = read_articles(_tables["articles"]["order"])
