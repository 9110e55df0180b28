with

source as (

    select * from {{ source('warehouse', 'documents') }}

),

renamed as (

    select
        -- ids
        doc_id,
        run_id,

        -- input
        source_path,
        encoding,
        encoding_confidence,
        size_bytes,
        received_at,
        transform_version,

        -- article
        title,
        source_name,
        authors,
        published_at,
        published_precision,
        script,
        text_simplified,

        -- what was done to it
        coalesce(repairs, []) as repairs,
        coalesce(flags, []) as flags,
        coalesce(keywords, []) as keywords

    from source

)

select * from renamed
