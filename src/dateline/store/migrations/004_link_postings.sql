-- 004_link_postings: the story index's postings (day, term, story), so that the linker can keep
-- only the recent days in memory and read older ones back when an old-day article arrives.
-- Idempotent, so the link stage can also apply it on a database made before it existed.

CREATE TABLE IF NOT EXISTS link_postings (
    day       VARCHAR,                 -- the day of the article that put the term there (NULL: undated)
    term      VARCHAR NOT NULL,        -- one of that article's top TF-IDF terms
    story_id  VARCHAR NOT NULL
);

-- Stories linked before this table existed: each centroid term under the story's first and last
-- day, as the linker rebuilt its index from link_stories until now.
INSERT INTO link_postings (day, term, story_id)
WITH terms AS (SELECT story_id, first_day, last_day, unnest(json_keys(centroid)) AS term FROM link_stories)
SELECT * FROM (
    SELECT first_day, term, story_id FROM terms UNION SELECT last_day, term, story_id FROM terms
) WHERE NOT EXISTS (SELECT 1 FROM link_postings);
