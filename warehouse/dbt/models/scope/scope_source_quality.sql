-- The outlets and encodings of source_quality that the scope's inputs (documents and quarantined files) count under.

with

documents as (

    select * from {{ ref('int_documents') }}
    where {{ input_in_scope('doc_id') }}

),

quarantine as (

    select * from {{ ref('stg_quarantine') }}
    where {{ input_in_scope('quarantine_id') }}

),

final as (

    -- the same dimension values source_quality gives its inputs
    select 'source_name' as dimension, coalesce(source_name, '(unknown)') as dimension_value from documents
    union
    select 'encoding', encoding from documents
    union
    select 'source_name', '(unknown)' from quarantine
    union
    select 'encoding', '(not decoded)' from quarantine

)

select * from final
