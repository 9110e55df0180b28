-- The month × region groups of keyword_trends that the scope's documents fall in.

select distinct published_month as month, main_region as region
from {{ ref('int_documents') }}
where {{ input_in_scope('doc_id') }} and published_month is not null
