-- Agency search: one static statement whose optional filters are switched by
-- their parameters. diesel-async sends it unnamed, so Postgres plans it with the
-- actual values and folds away the filters that are off.
--  $1 bool  a query was given          $2 text  its folded name form
--  $3 text  LIKE pattern of $2 or NULL $4 text  taxpayer id or NULL
--  $5 text  licence lookup key or NULL $6 text  region or NULL
--  $7 bool  a licence filter is on     $8 text  effective licence status or NULL
--  $9 text  destination country / NULL $10 text sector or NULL
--  $11 date today in the registry      $12 bool a cursor was given
--  $13 real cursor score  $14 text cursor legal name  $15 uuid cursor id
--  $16 int8 limit
SELECT a.id, a.legal_name, a.other_names, a.taxpayer_id, a.region, a.address,
       a.phone, a.email, a.website, a.created_at, a.updated_at, s.score
FROM agencies a
CROSS JOIN LATERAL (
    SELECT CASE
        WHEN NOT $1 THEN 0::real
        WHEN a.taxpayer_id = $4
          OR a.id = ANY (ARRAY (SELECT l.agency_id FROM licenses l WHERE l.lookup_key = $5))
        THEN 2::real
        ELSE word_similarity($2, a.search_names)
    END AS score
) s
WHERE (NOT $1
       OR $2 <% a.search_names
       OR a.search_names LIKE $3
       OR a.taxpayer_id = $4
       OR a.id = ANY (ARRAY (SELECT l.agency_id FROM licenses l WHERE l.lookup_key = $5)))
  AND ($6::text IS NULL OR a.region = $6)
  AND (NOT $7 OR EXISTS (
        SELECT 1 FROM licenses l
        WHERE l.agency_id = a.id
          AND ($8::text IS NULL
               OR (CASE WHEN l.status = 'active' AND l.valid_until < $11 THEN 'expired' ELSE l.status END) = $8)
          AND ($9::text IS NULL OR l.destination_countries @> ARRAY[$9::text])
          AND ($10::text IS NULL OR l.sectors @> ARRAY[$10::text])))
  AND (NOT $12 OR s.score < $13 OR (s.score = $13 AND (a.legal_name, a.id) > ($14, $15)))
ORDER BY s.score DESC, a.legal_name, a.id
LIMIT $16
