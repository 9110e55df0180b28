with

source as (

    select * from {{ source('warehouse', 'projects') }}

),

renamed as (

    select
        -- ids
        doc_id,
        -- one project across articles: its name without spacing or punctuation, Latin letters lower-cased
        lower(regexp_replace(name, '[\s\p{P}]+', '', 'g')) as project_key,

        -- the project
        name as project_name,
        company,
        region,
        investment_base,
        capacity,
        status,

        -- where it was read
        evidence,
        char_start,
        char_end

    from source
    where name is not null and trim(name) <> ''

)

select * from renamed
