-- 003_coded_fields: columns for model fields added since 001 (until now kept in `extra`).

ALTER TABLE articles ADD COLUMN dateline_region VARCHAR;

ALTER TABLE quotes ADD COLUMN kind VARCHAR;            -- direct | mixed | indirect
ALTER TABLE quotes ADD COLUMN cue_kind VARCHAR;        -- speech | stance | belief | evidence | source
ALTER TABLE quotes ADD COLUMN nested BOOLEAN;
ALTER TABLE quotes ADD COLUMN parts JSON;              -- the content's pieces around the cue: [[start, end], ...]
