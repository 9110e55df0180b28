-- Links form stars, not chains: a canonical document is never itself linked to another.
-- Checked for the links of the inputs in scope (all of them in a full build): a chain made by this
-- refresh has a link whose document or canonical document is in scope.

with

links as (

    select * from {{ ref('stg_document_links') }}

),

scope_inputs as (

    select * from {{ ref('scope_inputs') }}

)

select links.doc_id, links.canonical_doc_id, onward.canonical_doc_id as onward_canonical_doc_id
from links
inner join links as onward on onward.doc_id = links.canonical_doc_id
where links.doc_id in (select doc_id from scope_inputs)
    or links.canonical_doc_id in (select doc_id from scope_inputs)
