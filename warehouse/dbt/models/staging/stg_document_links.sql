with

source as (

    select * from {{ source('warehouse', 'document_links') }}

),

renamed as (

    select
        doc_id,
        canonical_doc_id,
        similarity

    from source

)

select * from renamed
