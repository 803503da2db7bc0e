"""Messages renda.reports adds to other apps' code and templates — the registration of paper
suggestions and the item list's export button and drill-down filters (proposals), the item
page's reply-letter link, the navigation link (base.html), and the congress's reply-letter
setting (congress). They are listed here so
that `makemessages`, run inside renda/reports, keeps them in this app's catalogue (the project
catalogue, renda/locale, is not this app's to change). Nothing reads this tuple."""

from django.utils.translation import gettext_noop

MESSAGES = (
    # renda/proposals (registration of paper suggestions, for the Excel import)
    gettext_noop("Only congress staff register suggestions on a deputy's behalf."),
    gettext_noop("A co-proposer is listed twice."),
    gettext_noop("A number must be a whole number from 1 up."),
    gettext_noop(
        "%(actor)s registered it on behalf of %(deputy)s, who submitted it on paper on "
        "%(submitted_on)s."
    ),
    # renda/proposals/filters.py
    gettext_noop("satisfied or basically satisfied"),
    gettext_noop("No"),
    gettext_noop("Evaluation"),
    gettext_noop("Re-handled"),
    gettext_noop("Replied"),
    gettext_noop("Class"),
    # renda/proposals/templates/proposals/_list_table.html
    gettext_noop("Filtered from a chart"),
    gettext_noop("Export to Excel"),
    # renda/proposals/templates/proposals/_detail_handling.html
    gettext_noop("Printable reply letters with the evaluation form (Word)"),
    # renda/templates/base.html
    gettext_noop("Reports and statistics"),
    # renda/congress/models.py: CongressSettings.reply_letters
    gettext_noop("reply letters to co-signing deputies"),
    gettext_noop("one letter to each deputy"),
    gettext_noop("one letter listing every deputy"),
    gettext_noop("A suggestion signed by several deputies is answered to each of them."),
)
