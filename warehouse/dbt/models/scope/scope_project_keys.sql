-- The projects of project_pipeline that the scope's documents name.

select distinct project_key
from {{ ref('int_project_mentions') }}
where {{ input_in_scope('doc_id') }}
