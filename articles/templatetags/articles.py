from django import template

from ..html import body_with_dateline

register = template.Library()


@register.simple_tag
def article_body(article):
    """The article's sanitised body with the dateline leading the first paragraph."""
    return body_with_dateline(article.body, article.dateline)


@register.inclusion_tag("articles/includes/byline.html")
def byline(article, link=True):
    """ "By Ana Ruiz and Tom Berg", each name linking to the author's page."""
    return {"authors": article.byline_authors, "link": link}
