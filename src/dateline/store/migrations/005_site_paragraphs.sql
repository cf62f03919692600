-- 005_site_paragraphs: which stored page of a site holds which paragraph (a hash of its words), for the
-- guard that drops the lines a site repeats on many pages (footers, standing notices): dateline.extract.siterepeat.

CREATE TABLE site_paragraphs (
    site VARCHAR NOT NULL,        -- registered domain (bbc.co.uk)
    key VARCHAR NOT NULL,         -- siterepeat.paragraph_key
    article_id VARCHAR NOT NULL
);
