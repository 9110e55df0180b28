-- Links form stars, not chains: a canonical document is never itself linked to another.
-- Checked for the links of the inputs in scope (all of them in a full build): a chain made by this
-- refresh has a link whose document or canonical document is in scope.

select links.doc_id, links.canonical_doc_id, onward.canonical_doc_id as onward_canonical_doc_id
from {{ in_scope(ref('stg_document_links')) }} as links
inner join {{ ref('stg_document_links') }} as onward on onward.doc_id = links.canonical_doc_id
