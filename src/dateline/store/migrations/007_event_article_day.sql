-- 007_event_article_day: the article's day copied onto each of its events, so the default order of
-- /api/events (newest article first) needs no join with `articles` to pick a page and DuckDB's top-N can
-- use the column's min-max index; and the counts of the unfiltered listing, kept per saved batch, so
-- its total and facets need no scan (dateline.store.totals).

ALTER TABLE events ADD COLUMN article_day VARCHAR;  -- substr(articles.published, 1, 10): written with the event

UPDATE events SET article_day = substr(a.published, 1, 10) FROM articles a WHERE a.id = events.article_id;

CREATE TABLE event_totals (
    facet VARCHAR NOT NULL,  -- a facet of /api/events, or 'total'
    value VARCHAR NOT NULL,  -- the facet's values as a JSON list ('[]' for the total)
    count BIGINT NOT NULL,   -- events of the default listing (asserted ones) with these values
    PRIMARY KEY (facet, value)
);
-- Filled from the stored events when a writer opens the store (dateline.store.totals.rebuild), then kept by each save.
