"""Renders Markdown with cmark-gfm, GitHub's Markdown engine (raw HTML allowed, as on GitHub
before its sanitiser), and prints what a reader would see, as JSON: every table's body rows as
lists of cell texts (a <br> is a line break), every element name used, and every link target.
"""

import json
import sys
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.tags, self.links = [], set(), []
        self.row = self.cell = None
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "br" and self.cell is not None:
            self.cell += "\n"
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


text = open(sys.argv[1], encoding="utf-8").read()
html = cmarkgfm.markdown_to_html_with_extensions(
    text,
    options=Options.CMARK_OPT_UNSAFE,
    extensions=["table", "autolink", "strikethrough"],
)
reader = Reader()
reader.feed(html)
json.dump(
    {"tables": reader.tables, "tags": sorted(reader.tags), "links": reader.links},
    sys.stdout,
    ensure_ascii=False,
)
