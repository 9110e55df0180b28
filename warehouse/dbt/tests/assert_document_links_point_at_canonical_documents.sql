-- Links form stars, not chains: a canonical document is never itself linked to another.

with

links as (

    select * from {{ ref('stg_document_links') }}

)

select links.doc_id, links.canonical_doc_id, onward.canonical_doc_id as onward_canonical_doc_id
from links
inner join links as onward on onward.doc_id = links.canonical_doc_id
