"""The pages: every view and URL of the product, above the domain apps.

A page may combine layers (the evidence register reads the review period from scrutiny,
the home page reads reviews, actions and challenges), so pages sit above every domain app
and no domain app imports them. Each module under pages/views/ is one feature's pages and
calls that feature's services (partnerships.evidence, partnerships.actions, scrutiny.judgements,
scrutiny.challenges, scrutiny.reports); the rules stay in the services.
"""
