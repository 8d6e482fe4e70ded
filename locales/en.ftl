## Errors and limits
error-apology = Sorry, something went wrong on our side and we have logged it. Please try again in a moment.
flood-slow-down = You are sending messages too fast. Please wait { NUMBER($seconds, useGrouping: 0) } seconds and try again.
access-denied = Sorry, you are not allowed to do this. Please contact the community staff if you need it.
button-stale = This button is no longer valid. Send /start to begin again.
text-too-long = That is too long. Please shorten it to at most { NUMBER($max, useGrouping: 0) } characters.
use-buttons = Please tap one of the buttons above.
conversation-command-later = { $command } has to wait until this is done: please answer the question above, or send /cancel to leave it.
edit-not-supported = I cannot see edited messages. Please send it again as a new message.
unknown-command = I do not know that command. Please choose from the menu:
not-understood = I did not understand that. Please choose what you would like to do:

## Groups
group-use-private = Please talk to me in a private chat: tap the button below.
group-open-private = Open private chat

## Commands
command-start = Start / main menu
command-help = Help
command-cancel = Cancel what you are doing
command-language = Language 切换语言

## Home
welcome = Hello, { $name }! Welcome to the community assistant. What would you like to do?
help-intro = I am the community assistant. You can use these commands; send /cancel at any step to leave:
cancel-done = Cancelled; nothing was saved. What would you like to do?
cancel-nothing = There is nothing to cancel. What would you like to do?
menu-help = ❓ Help
menu-language = 🌐 Language 语言
button-cancel = Cancel
button-yes = Yes

## Language
language-choose = 请选择语言 / Choose your language:
language-set = Done: I will talk to you in English from now on.
language-name-zh-CN = 简体中文
language-name-en = English

## Community
community-choose = Which community do you live in? Tap a button or type its name:
community-type-or-tap = Please tap a button to choose your community, or type its name.
community-not-found = I could not find that community. Please tap a button, or type a more exact name.
community-confirm = You chose "{ $name }". Is that right?
community-choose-again = Choose again
community-joined = { $name }, you have joined the community! What would you like to do?
community-already-member = You already belong to a community. Please ask the community staff to change it.
community-gone = That community no longer exists. Send /start to choose again.

## Reports: commands and menu
command-report = Report a sanitation problem
command-my = My reports
command-forget = Delete my personal data
menu-report = 📸 Report a problem
menu-my = 📋 My reports

## Reports: the /report conversation
report-join-first = Please send /start and choose your community first, then report the problem.
report-daily-limit = You have filed { NUMBER($limit, useGrouping: 0) } reports today, the daily limit. Please report again tomorrow; for emergencies call the community office.
report-ask-category = Step 1 of 4: what kind of problem is it?
report-use-category-buttons = Please tap one of the buttons above to choose the kind of problem, or send /cancel to leave.
report-ask-description = Step 2: what is wrong? Type it or send a voice message, for example: "Garbage piled up east of building 3 for three days".
report-description-example = Please describe the problem in text or a voice message, for example: "Garbage piled up east of building 3 for three days".
report-description-too-long = That description is too long ({ NUMBER($length, useGrouping: 0) } characters); at most { NUMBER($max, useGrouping: 0) }. Please shorten it and send it again.
report-ask-photos = Step 3: send photos of the spot (up to { NUMBER($max, useGrouping: 0) }), then tap "Done". No photo? Tap "Skip".
report-photos-done = ✅ Done
report-photos-skip = ⏭️ Skip
report-photos-expected = Please send a photo, or tap the button below to go on.
report-photo-received = 📷 Photo received. Send more, or tap "Done".
report-photo-not-image = That file is not a picture, so it was not kept. Please send a photo of the spot.
report-photo-too-large = That file is too large (over { NUMBER($max, useGrouping: 0) } MB). Please send it as a photo instead.
report-photos-full = Only { NUMBER($max, useGrouping: 0) } photos are kept; later ones are not saved. Please tap "Done".
report-ask-location = Step 4: where is it? Tap "Send my location" below, or type the address, building or a landmark nearby.
report-location-share = 📍 Send my location
report-location-expected = Please send your location, or type an address (for example: "gate of 12 Xingfu Road").
report-address-noted = Address noted.
report-location-in-area = Location received: it is in "{ $area }".
report-location-noted = Location received.
report-outside-areas = This spot seems to be outside the community's areas. Report it anyway?
report-outside-yes = Yes, report it anyway
report-outside-again = Send another location
report-duplicate-found = Someone nearby has already reported the same problem:
report-duplicate-line = • { $number } (about { NUMBER($meters, useGrouping: 0) } m away)
report-duplicate-support = 👍 Same as { $number }: add my voice
report-duplicate-new = No, this is a new problem
report-supported = 👍 Noted! You now support { $number } and will hear about its progress too.
report-summary =
    Please check your report:
    Kind: { $category }
    What is wrong: { $description }
    Photos: { NUMBER($photos, useGrouping: 0) }
    Where: { $place }
    Area: { $area }
    Anonymous: { $anonymous ->
        [yes] yes (staff will not see your name)
       *[no] no
    }
report-summary-point = location { $latitude }, { $longitude } { $address }
report-summary-voice = 🎤 voice message
report-summary-no-area = not known
report-confirm = ✅ Confirm and send
report-edit = ✏️ Change something
report-anonymous-off = 🙈 Make it anonymous
report-anonymous-on = 👤 Show my name to staff
report-edit-which = What would you like to change?
report-edit-category = Kind of problem
report-edit-description = Description
report-edit-photos = Photos
report-edit-location = Place
report-category-unavailable = That kind of problem is no longer in use. Please send /report to start again.
report-filed = ✅ Report received! Your tracking number is { $number }. Community staff will look at it soon, and I will tell you at every step. Send /my to follow it any time.

## Reports: notifications to the reporter and supporters
report-notify-accepted = { $role ->
    [supporter] The report you support, { $number },
   *[reporter] Your report { $number }
} has been accepted by community staff.
report-notify-assigned = { $role ->
    [supporter] The report you support, { $number },
   *[reporter] Your report { $number }
} has been given to an inspector.
report-notify-in-progress = { $role ->
    [supporter] The report you support, { $number },
   *[reporter] Your report { $number }
} is being worked on.
report-notify-resolved = { $role ->
    [supporter] The report you support, { $number },
   *[reporter] Your report { $number }
} has been dealt with: { $note }
    { $role ->
        [reporter] Is it fixed?
       *[supporter] Thank you for caring!
    }
report-notify-rejected = { $role ->
    [supporter] The report you support, { $number },
   *[reporter] Your report { $number }
} was not accepted. Reason: { $note }
report-notify-duplicate = { $role ->
    [supporter] The report you support, { $number },
   *[reporter] Your report { $number }
} is the same problem as { $original }; it will be handled there.
report-notify-closed = { $role ->
    [supporter] The report you support, { $number },
   *[reporter] Your report { $number }
} is closed. Thank you!
report-notify-reopened = { $role ->
    [supporter] The report you support, { $number },
   *[reporter] Your report { $number }
} has been reopened and is back with staff.
report-answer-fixed = 👍 Fixed
report-answer-not-fixed = 👎 Not fixed
report-not-fixed-intro = Sorry that { $number } is not fixed yet. Please tell us what is still wrong.
report-not-fixed-ask = What is still wrong? Type it or send a voice message.
report-not-fixed-photos = You may send photos of how it looks now (up to { NUMBER($max, useGrouping: 0) }), then tap "Done"; or tap "Skip".
report-reopened-by-you = { $number } is back with staff. I will keep you posted.
report-answer-stale = { $number } has changed in the meantime, so your answer was not recorded. Send /my to see where it stands.
report-answer-stale-alert = This report has moved on; the button is no longer valid.
report-closed-thanks = Great! { $number } is closed. How well was it handled?
report-rated = Thank you for your rating: { $stars }

## Reports: /my
my-reports-none = You have not reported anything yet. Send /report to report a problem.
my-reports-header = Your reports ({ NUMBER($from, useGrouping: 0) }–{ NUMBER($to, useGrouping: 0) } of { NUMBER($total, useGrouping: 0) }):
my-reports-line = { $number } { $icon } { $category } · { $status } · { $date }{ $supported ->
    [yes] {" "}(supported)
   *[no] {""}
}
page-newer = ◀ Newer
page-older = Older ▶
report-status-new = Submitted
report-status-accepted = Accepted
report-status-assigned = Assigned
report-status-in-progress = In progress
report-status-resolved = Resolved, awaiting your answer
report-status-closed = Closed
report-status-rejected = Not accepted
report-status-duplicate = Duplicate
report-status-reopened = Reopened
report-detail-title = { $number } { $icon } { $category }
report-detail-status = Status: { $status }
report-detail-description = What is wrong: { $description }
report-detail-hidden = (hidden by staff)
report-detail-place = Where: { $place } (area: { $area })
report-detail-created = Reported: { $date }
report-detail-deadline = Due: { $date }
report-detail-duplicate-of = Merged into: { $number }
report-detail-supporters = 👍 { $count ->
    [one] One more resident reported this too
   *[other] { NUMBER($count, useGrouping: 0) } more residents reported this too
}
report-detail-rating = Rating: { $stars }
report-detail-history = History:

## Reports: /forget
forget-ask = Delete your personal data? Your name, your language setting and your support for others' reports are deleted; the problems you reported stay, anonymised, so the community can follow them up.
forget-confirm = 🗑️ Yes, delete
forget-keep = Keep my data
forget-kept = All right, nothing was deleted.
forget-done = Your personal data has been deleted; { $reports ->
    [one] one report is
   *[other] { NUMBER($reports, useGrouping: 0) } reports are
  } kept anonymously. If you write to me again, you start as a new user.

## Report categories (seeded into each new community)
category-dirty-spot = Dirty spot or garbage pile
category-public-toilet = Public toilet
category-illegal-structure = Illegal shed or stall
category-road-occupation = Road occupied by business or waste
category-pollution = Pollution or noise
category-other = Other problem

## Staff: commands, menu, roles
command-tasks = My tasks (inspectors)
command-team = Staff list
command-invite = Invite staff: /invite staff|inspector|admin|volunteer
command-bindgroup = Send this in the staff group to link it to the community
menu-tasks = 🧹 My tasks
menu-team = 👥 Staff
role-volunteer = volunteer
role-inspector = inspector
role-staff = community staff
role-admin = admin
cancel-group = Cancelled.

## Staff: invites and team
invite-usage = Usage: /invite staff, /invite inspector, /invite admin or /invite volunteer.
invite-created = Invite link for the role "{ $role }": it works once, until { $expires }:
    { $link }
invite-welcome = Welcome! You now have the role "{ $role }" in "{ $community }". Send /start to see what you can do.
invite-unknown = This invite link is not valid. Please ask an admin for a new one.
invite-used = This invite link has already been used. Please ask an admin for a new one.
invite-expired = This invite link has expired. Please ask an admin for a new one.
invite-other-community = You already belong to another community, so you cannot accept this invite. Please contact an admin.
team-header = Staff ({ NUMBER($count, useGrouping: 0) }):
team-revoke = Revoke { $role } from { $name }
team-revoke-confirm = Revoke the role "{ $role }"?
team-revoked = Revoked.
team-revoke-not-held = They no longer hold that role.
team-revoke-last-admin = The last admin cannot be revoked.
team-revoke-self = You cannot revoke your own admin role.
bindgroup-done = ✅ This group is now the community's staff group; new reports will appear here.
bindgroup-elsewhere = This group is already bound to another community.

## Staff: report cards in the staff group
card-title = { $number } { $icon } { $category }
card-status = Status: { $status }
card-description = What is wrong: { $description }
card-place = Where: { $place } (area: { $area })
card-deadline = Due: { $date }
card-reporter = Reported by: { $name } { $username }
card-reporter-anonymous = Reported by: anonymous
card-supporters = 👍 { $count ->
    [one] One more resident reported it
   *[other] { NUMBER($count, useGrouping: 0) } more residents reported it
  }
card-assignee = Assignee: { $name }
card-last-event = Last: { $actor } · { $status } · { $date } { $note }
card-system = system
card-accept = ✅ Accept
card-assign = 👷 Assign
card-reassign = 👷 Reassign
card-reject = ❌ Reject
card-duplicate = 🔁 Duplicate
card-verify = ✅ Verified: close it
card-reopen = ↩️ Send back
staff-second-verifier = { $number } must be verified by another staff member, not the one who resolved it.
staff-photo-required = This kind of problem needs an after-photo to be marked done. Please tap "Done" again and send a photo.
card-back = ◀ Back
card-assignee-responsible = ⭐ { $name } (area lead)

## Staff: actions and tasks
staff-note-expected = Please answer in text.
staff-resolve-note = Briefly, how was { $number } dealt with (at most 500 characters)?
staff-resolve-photos = Send after-photos (up to { NUMBER($max, useGrouping: 0) }), then tap "Done"; no photo? Tap "Skip".
staff-resolved = ✅ { $number } is marked as dealt with; the reporter has been asked to confirm.
staff-reject-reason = { $name }, please reply with the reason for rejecting { $number } (the resident will see it):
staff-rejected = { $number } is rejected; the resident has been told why.
staff-duplicate-ask = { $name }, which report is { $number } a duplicate of? Reply with its number, e.g. R-000123:
staff-duplicate-expected = Please reply with a report number, e.g. R-000123.
staff-duplicate-unknown = There is no such report, or it is this same one. Please reply with another number.
staff-duplicated = { $number } is marked as a duplicate; the resident has been told.
staff-action-stale = { $number } has changed in the meantime; nothing was done.
staff-assigned = Assigned: { $number }
tasks-none = You have no open tasks.
tasks-header = Your tasks ({ NUMBER($count, useGrouping: 0) }, overdue first):
tasks-line = { $overdue ->
    [yes] ⏰
   *[no] •
} { $number } { $icon } { $category } · { $status } · due { $deadline }
task-start = ▶️ Start
task-resolve = ✅ Done
task-hand-back = ↩️ Hand back
task-started = { $number } is in progress; the reporter has been told.
task-handed-back = { $number } has been handed back to community staff.
task-assigned = 📌 New task: { $number } is now yours.
task-open = Open { $number }

## Staff: audit
command-audit = Audit log (admins)
audit-header = Recent staff actions (newest first):
audit-none = No staff actions recorded yet.

## Staff: patrol (日巡查)
command-patrol = Start / end a patrol
patrol-started = 🚶 Patrol started. Send me a photo of each problem you find (share your live location, and I will record your route and place each finding on it). Send /patrol again to end.
patrol-ended = ✅ Patrol ended: { NUMBER($minutes, useGrouping: 0) } minutes, { NUMBER($findings, useGrouping: 0) } findings, { NUMBER($points, useGrouping: 0) } route points.
patrol-finding-category = What is it? Tap a kind:
patrol-finding-location = Please send where it is (tap the button below).
patrol-finding-recorded = 📌 Finding { $number } recorded, accepted and assigned to you.

## Staff: deadline extensions
task-extend = ⏳ Ask for more time
extension-reason = Why does { $number } need more time? Briefly:
extension-how-long = How much more time?
extension-hours = +{ NUMBER($hours, useGrouping: 0) } h
extension-request = ⏳ { $name } asks for { NUMBER($hours, useGrouping: 0) } more hours on { $number } (until { $deadline }). Reason: { $reason }
extension-approve = ✅ Approve
extension-refuse = ❌ Refuse
extension-sent = Your request for more time on { $number } has gone to staff; you will hear their answer.
extension-no-group = The community has no staff group yet, so the request cannot be sent. Please contact staff directly.
extension-approved-group = ✅ { $name } approved more time on { $number }, until { $deadline }.
extension-refused-group = ❌ { $name } refused more time on { $number }.
extension-approved = ✅ More time on { $number } was approved: the new deadline is { $deadline }.
extension-refused = ❌ More time on { $number } was refused; the deadline stays { $deadline }.

## Staff: standard replies (templates)
command-templates = Standard replies
staff-or-template = Or tap a standard reply below:
templates-reject = Standard replies for rejecting:
templates-resolve = Standard replies for resolving:
templates-retire = Retire: { $text }
templates-retired = Retired.
templates-added = Added.
templates-usage = To add a standard reply: /templates reject 中文 | English (or resolve)
templates-admins-edit = Only admins can add or retire standard replies.
template-reject-outside = Not within this community's remit; passed on to the department responsible.
template-reject-unclear = Not enough information to verify; please report again with a photo and the place.
template-reject-private = A matter inside private property; please contact the property management.
template-resolve-cleaned = Cleaned up.
template-resolve-removed = Removed according to the rules.
template-resolve-repaired = Repaired and back in use.

## Staff: areas (网格)
command-areas = Areas and their leads (admins)
areas-header = The community has { $count ->
    [one] one area
   *[other] { NUMBER($count, useGrouping: 0) } areas
  }:
areas-no-lead = no lead yet
areas-set-lead = Set the lead of "{ $area }"
areas-pick-lead = Choose the lead:
areas-lead-set = ✅ Lead set.
areas-auto-assign-on = Turn on assignment by area
areas-auto-assign-off = Turn off assignment by area
areas-auto-assign-now-on = On: new reports go to the area's lead automatically.
areas-auto-assign-now-off = Automatic assignment is off.
areas-import-help = Bulk set-up: send /areas followed by an areas file (JSON); the format is in the README.
areas-import-failed = The areas file has problems; nothing was changed:
areas-imported = ✅ Areas imported: { NUMBER($created, useGrouping: 0) } new, { NUMBER($updated, useGrouping: 0) } updated.

## Staff: moderation
command-hide = Hide a face, a number plate or abuse in a report
command-original = See hidden originals (admins)
hide-usage = Usage: /hide R-000123 description, or /hide R-000123 photos
hide-done = ✅ Hidden. Residents and the staff group no longer see it; admins can still read the original with /original.
original-usage = Usage: /original R-000123
original-description = Original description ({ $hidden ->
    [yes] hidden
   *[no] not hidden
}): { $description }
original-photo = Photo (shown)
original-photo-hidden = Photo (hidden)

## Staff: queue
command-queue = The queue of open reports (filters, pages)
queue-header = Open reports (page { NUMBER($page, useGrouping: 0) }):
queue-empty = No reports match.
queue-nobody = unassigned
queue-line = { $overdue ->
    [yes] ⏰
   *[no] •
} { $number } { $icon } { $category } · { $status } · { $assignee } · due { $deadline }
queue-all = All
queue-mine = Mine
queue-unassigned = Unassigned
queue-overdue = Overdue
queue-by-category = By kind
queue-by-area = By area

## Staff: overdue (督办)
overdue-assignee = ⏰ Overdue: { $number } passed its deadline ({ $due }). Please deal with it soon.
overdue-group = ⏰ Overdue: { $number } passed its deadline ({ $due }) and is still open.

## Dashboard (the staff dashboard in the browser)
command-dashboard = The staff dashboard in the browser (a one-time sign-in link)
dashboard-link = 🖥 Your sign-in link to the staff dashboard. It works once, only for you, for { NUMBER($minutes, useGrouping: 0) } minutes (until { $expires }). Please do not forward it.
dashboard-open = 🖥 Open the dashboard
dashboard-refused = The dashboard is for the community's inspectors, staff and admins. If you need it, please ask the community staff.
dashboard-not-set-up = The dashboard is not set up on this server yet (its address, PUBLIC_URL, is missing). Please tell the administrator.
dashboard-title = Staff dashboard
dashboard-nav-reports = Reports
dashboard-nav-map = Map
dashboard-map-title = Map of reports
dashboard-map-count = { NUMBER($shown, useGrouping: 0) } of { NUMBER($total, useGrouping: 0) } reports with a place are drawn (reports given only by address are in the list).
dashboard-map-cluster = several reports close together (the number says how many)
dashboard-nav-figures = Figures
dashboard-figures-title = Evaluation figures
dashboard-export-period = ⬇ These figures (CSV)
dashboard-figure-reports = reports filed
dashboard-figure-resolved = dealt with
dashboard-figure-in-time = dealt with in time
dashboard-figure-median = median hours to deal with
dashboard-figure-rating = average stars ({ NUMBER($count, useGrouping: 0) } ratings)
chart-per-day = Reports per day, by kind
chart-resolve-hours = Hours to deal with, by the week filed
chart-median = median
chart-p90 = 90th percentile
chart-none-filed = No reports in this period.
chart-none-resolved = Nothing filed in this period has been dealt with yet.
chart-none-judged = No report of this period is due yet.
chart-none-rated = No ratings for this period's reports yet.
chart-in-time-category = Share dealt with in time, by kind
chart-in-time-area = Share dealt with in time, by area
chart-in-time-assignee = Share dealt with in time, by assignee
chart-rating-area = Residents' satisfaction (stars of 5), by area
chart-rating-assignee = Residents' satisfaction (stars of 5), by assignee
chart-period = { $from } to { $to }
chart-daily-title = Reports per day, by kind: the last { NUMBER($days, useGrouping: 0) } days
chart-daily-subtitle = { $community } · { $from } to { $to }
dashboard-chart-inspectors = Per assignee
dashboard-no-area = outside every area
dashboard-signed-in-as = { $name } · { $role }
dashboard-logout = Sign out
dashboard-language = Language
dashboard-sign-in-title = Sign in to the staff dashboard
dashboard-sign-in-as = This link signs you in as { $name }.
dashboard-sign-in-button = Sign in
dashboard-link-unknown = This sign-in link is not valid. Send /dashboard to the bot in a private chat for a new one.
dashboard-link-used = This sign-in link has been used already: each link works once. Send /dashboard to the bot for a new one.
dashboard-link-expired = This sign-in link has expired (links work for 10 minutes). Send /dashboard to the bot for a new one.
dashboard-link-not-allowed = Your role in the community no longer opens the dashboard. If you need it, please ask the community staff.
dashboard-signed-out = You have signed out. To come back, send /dashboard to the bot.
dashboard-session-none = Please sign in: send /dashboard to the bot in a private chat and open the link it gives you.
dashboard-session-expired = Your sign-in has ended (it lasts { NUMBER($hours, useGrouping: 0) } hours). Send /dashboard to the bot for a new link.
dashboard-session-revoked = Your role in the community was taken away, so your sign-in has ended. If this is a mistake, please ask the community staff.
dashboard-csrf = This form was out of date or did not come from the dashboard, so nothing was changed. Please reload the page and try again.
dashboard-not-found = There is no such report, or it is not one you can see.
dashboard-forbidden = Only community staff and admins can do this. Nothing was changed.
dashboard-reports-title = Reports
dashboard-filter-search = Search
dashboard-filter-search-hint = A number (R-000123) or words of the description
dashboard-filter-status = Status
dashboard-filter-status-open = Open (needs work)
dashboard-filter-any = All
dashboard-filter-category = Kind
dashboard-filter-area = Area
dashboard-filter-assignee = Assignee
dashboard-filter-mine = Mine
dashboard-filter-unassigned = Unassigned
dashboard-filter-from = From
dashboard-filter-to = To
dashboard-filter-overdue = Overdue only
dashboard-filter-sort = Order
dashboard-sort-newest = Newest first
dashboard-sort-oldest = Oldest first
dashboard-sort-deadline = Deadline first
dashboard-filter-apply = Show
dashboard-filter-clear = Clear
dashboard-bad-filter = These filters could not be read and were left out: { $fields }.
dashboard-field-q = search
dashboard-field-status = status
dashboard-field-category = kind
dashboard-field-area = area
dashboard-field-assignee = assignee
dashboard-field-from = from
dashboard-field-to = to
dashboard-field-overdue = overdue
dashboard-field-sort = order
dashboard-field-page = page
dashboard-count = { $count ->
    [one] 1 report
   *[other] { NUMBER($count, useGrouping: 0) } reports
}
dashboard-count-capped = More than { $count } reports
dashboard-export-list = ⬇ These reports (CSV)
dashboard-export-month = ⬇ This month's reports (CSV)
dashboard-export-stats = ⬇ This month's figures (CSV)
dashboard-csv-yes = yes
dashboard-stats-usage = Please give the period as two days, from and to, e.g. ?from=2026-04-01&to=2026-04-30 (or neither, for this month).
dashboard-col-number = No.
dashboard-col-kind = Kind
dashboard-col-status = Status
dashboard-col-area = Area
dashboard-col-assignee = Assignee
dashboard-col-created = Reported
dashboard-col-deadline = Deadline
dashboard-overdue = overdue
dashboard-none = No reports match these filters.
dashboard-page = Page { NUMBER($page, useGrouping: 0) } of { NUMBER($pages, useGrouping: 0) }
dashboard-page-of-many = Page { NUMBER($page, useGrouping: 0) }
dashboard-page-prev = ‹ Previous
dashboard-page-next = Next ›
dashboard-back = ‹ Back to the list
dashboard-report-description = Description
dashboard-report-no-description = (no description)
dashboard-report-hidden = (hidden by staff)
dashboard-report-voice = voice message
dashboard-report-place = Place
dashboard-report-reporter = Reported by
dashboard-report-anonymous = anonymous
dashboard-report-supporters = Residents who added their voice
dashboard-report-photos = Photos
dashboard-photos-report = From the reporter
dashboard-photos-resolution = After the fix
dashboard-photos-reopen = "Not fixed"
dashboard-report-history = History
dashboard-report-actions = Actions
dashboard-action-accept = ✅ Accept
dashboard-action-assign = 👷 Assign
dashboard-action-reassign = 👷 Reassign
dashboard-assign-to = Assign to
dashboard-area-lead = (area lead)
dashboard-done-accept = { $number } accepted. The card in the staff group is updated too.
dashboard-done-assign = { $number } assigned to { $name }. They are told, and the card in the staff group is updated too.
dashboard-action-reject = ❌ Reject
dashboard-reject-template = Standard reply
dashboard-reject-own-words = (the reason below, in my own words)
dashboard-reject-reason = Reason (the resident reads it)
dashboard-action-duplicate = 🔁 Mark as a duplicate
dashboard-duplicate-of = Number of the original report
dashboard-action-verify = ✅ Verified, close it
dashboard-action-reopen = ↩️ Reopen
dashboard-done-reject = { $number } rejected; the resident is told the reason. The card in the staff group is updated too.
dashboard-done-duplicate = { $number } marked as a duplicate. The card in the staff group is updated too.
dashboard-done-verify = { $number } verified and closed. The card in the staff group is updated too.
dashboard-done-reopen = { $number } reopened. The card in the staff group is updated too.
dashboard-reason-required = Please pick a standard reply or write the reason. Nothing was changed.
dashboard-reason-too-long = The reason is too long (at most { NUMBER($max, useGrouping: 0) } characters). Nothing was changed.
dashboard-template-unknown = That standard reply is no longer offered. Please pick another. Nothing was changed.
dashboard-duplicate-unknown = There is no such report in this community, or it is this same one. Nothing was changed.
dashboard-second-verifier = { $number } must be verified by another staff member, not the one who resolved it. Nothing was changed.
dashboard-verify-by-resident = This kind of report is confirmed by the resident, not by staff. Nothing was changed.
dashboard-action-stale = { $number } has moved on (it is "{ $status }" now), so nothing was changed.
dashboard-assignee-invalid = That person cannot take reports of this community. Nothing was changed.
dashboard-hide-title = Hide from residents and the group
dashboard-hide-explain = For a face, a number plate or abuse. Nothing is deleted: admins can still read the original with /original in the bot.
dashboard-hide-description-confirm = Yes, hide the description (and its voice note)
dashboard-hide-description = 🙈 Hide the description
dashboard-hide-photos-confirm = Yes, hide all of its photos
dashboard-hide-photos = 🙈 Hide the photos
dashboard-hide-confirm-missing = Please tick the box to confirm. Nothing was hidden.
dashboard-done-hide-description = The description of { $number } is hidden from residents, from this page and on the card in the staff group.
dashboard-done-hide-photos = The photos of { $number } are hidden from residents and from this page. A photo already posted with the card in the staff group stays there: delete that message in the group if it must go.
dashboard-action-resolve = ✅ Dealt with
dashboard-resolve-template = How it was dealt with (standard reply)
dashboard-resolve-own-words = (in my own words, below)
dashboard-resolve-note = In my own words (the resident reads it)
dashboard-resolve-photos = After-photos (optional; up to { NUMBER($max, useGrouping: 0) }, JPEG, PNG or WebP, at most { NUMBER($mb, useGrouping: 0) } MB each)
dashboard-resolve-photos-required = After-photos (this kind needs at least one; up to { NUMBER($max, useGrouping: 0) }, JPEG, PNG or WebP, at most { NUMBER($mb, useGrouping: 0) } MB each)
dashboard-after-photo-caption = 📷 After-photo for { $number }, sent from the staff dashboard.
dashboard-done-resolve = { $number } is marked as dealt with; the resident is asked to confirm. The card in the staff group is updated too.
dashboard-resolve-note-required = Please pick a standard reply or write how it was dealt with. Nothing was changed.
dashboard-resolve-photo-required = This kind of problem needs at least one after-photo to be marked as dealt with. Nothing was changed.
dashboard-resolve-forbidden = Only staff, admins or the person { $number } is assigned to can mark it as dealt with. Nothing was changed.
dashboard-photos-too-many = At most { NUMBER($max, useGrouping: 0) } after-photos, please. Nothing was changed.
dashboard-photo-too-large = "{ $name }" is larger than { NUMBER($mb, useGrouping: 0) } MB. Nothing was changed.
dashboard-photo-not-image = "{ $name }" is not a JPEG, PNG or WebP photo. Nothing was changed.
dashboard-photo-upload-failed = The after-photos could not be sent to Telegram just now, so nothing was changed. Please make sure you have not blocked the bot, and try again.
dashboard-upload-too-large = That was more than a form here takes. Nothing was changed.

## Sandbox
sandbox-page-title = Community assistant · local sandbox
sandbox-banner = Local sandbox: the real bot runs, but nothing goes to Telegram.
sandbox-persona = I am
sandbox-role-resident = resident
sandbox-role-volunteer = volunteer
sandbox-role-inspector = inspector
sandbox-role-staff = staff
sandbox-role-admin = admin
sandbox-chat-private = Private chat
sandbox-language = Page language
sandbox-menu = More
sandbox-new-persona = ➕ New persona
sandbox-new-persona-name = Name
sandbox-new-persona-role = Role
sandbox-new-persona-language = Telegram language
sandbox-new-persona-create = Create
sandbox-persona-default-name = New { $role } { $number }
sandbox-persona-language-zh = Chinese
sandbox-persona-language-en = English
sandbox-seed = 🌱 Fill in demo data
sandbox-seed-running = Filling in demo data…
sandbox-seed-done = Demo data ready: { $areas } areas, { $personas } personas, { $reports } reports.
sandbox-cancel = Cancel
sandbox-close = Close
sandbox-ok = OK
sandbox-input-placeholder = Message…
sandbox-send = Send
sandbox-start = START
sandbox-empty-chat = No messages yet. Tap START below to say hello to the bot.
sandbox-empty-group = No messages in this group yet.
sandbox-attach = Attach
sandbox-attach-photo = 📷 Photo
sandbox-attach-voice = 🎤 Voice file
sandbox-attach-location = 📍 Location
sandbox-attach-contact = 👤 My phone number
sandbox-commands = Commands
sandbox-commands-none = The bot has set no command menu.
sandbox-location-title = Choose a location
sandbox-location-hint = Click a point in the box, or type the coordinates. The circles are the community's areas.
sandbox-latitude = Latitude
sandbox-longitude = Longitude
sandbox-location-send = Send location
sandbox-location-invalid = Please enter a valid latitude and longitude.
sandbox-location = Location
sandbox-typing = typing…
sandbox-edited = edited
sandbox-voice = Voice message
sandbox-open-file = Open file
sandbox-joined = { $names } joined the group
sandbox-left = { $name } left the group
sandbox-button-unsupported = This button does not work in the sandbox.
sandbox-error = Something went wrong. Please try again.
sandbox-reconnecting = Connection lost, reconnecting…
sandbox-sending = Sending…
sandbox-location-live = 📡 Share live location
sandbox-live-device = Follow this device's location (otherwise walk a simulated route from the point)
sandbox-live-sharing = 📡 Sharing live location · { $count } updates
sandbox-live-simulated = simulated walk
sandbox-live-from-device = this device
sandbox-live-stop = Stop sharing
sandbox-live-ended = Live location sharing ended.
sandbox-live-location = Live location
sandbox-live-fallback = This device's location is not available here, so a walk is simulated instead.
sandbox-staff-group-title = Community staff group
sandbox-bot-name = Community assistant
sandbox-chats = Chats

## Broadcasts
command-broadcast = Broadcast a notice
command-broadcasts = Past and scheduled broadcasts
broadcast-ask-audience = Who should receive it?
broadcast-audience-all = 👥 All residents
broadcast-audience-volunteers = 🙋 Volunteers
broadcast-audience-team = 🧹 Inspectors and staff
broadcast-audience-area = 📍 Residents of one area
broadcast-audience-topic = Topic subscribers
broadcast-audience-event = Event participants
broadcast-audience-list = 📋 Announcement
broadcast-ask-area = Which area? (Residents whose latest report was in it.)
broadcast-no-areas = No areas are set up yet. Please choose another audience.
broadcast-audience-empty = Nobody in this audience can receive messages; nothing will be sent.
broadcast-ask-message = Send the notice: text (formatting is kept, at most { NUMBER($textMax, useGrouping: 0) } characters), or one photo with a caption (at most { NUMBER($captionMax, useGrouping: 0) } characters).
broadcast-message-expected = Please send text, or one photo.
broadcast-empty = The notice cannot be empty. Please send it again.
broadcast-text-too-long = The text is too long: at most { NUMBER($max, useGrouping: 0) } characters, this one has { NUMBER($length, useGrouping: 0) }. Please shorten it and send it again.
broadcast-caption-too-long = The caption is too long: at most { NUMBER($max, useGrouping: 0) } characters, this one has { NUMBER($length, useGrouping: 0) }. Please shorten it and send it again.
broadcast-preview-intro = Preview: recipients will see the next message, its heading in their own language.
broadcast-preview-summary = It will go to { NUMBER($count, useGrouping: 0) } { $count ->
        [one] person
       *[other] people
    } ({ $audience }). { $urgent }
broadcast-urgent-on = ⚠️ Urgent: delivered during quiet hours too.
broadcast-urgent-off = Sending pauses during quiet hours (21:00–08:00) and resumes in the morning.
broadcast-button-now = ✅ Send now
broadcast-button-schedule = 🕒 Schedule
broadcast-button-urgent-on = ⚠️ Mark urgent
broadcast-button-urgent-off = Not urgent
broadcast-ask-time = When should it go? Type YYYY-MM-DD HH:mm ({ $timezone } time), e.g. { $example }.
broadcast-time-format = That is not a date and time. Please type YYYY-MM-DD HH:mm, e.g. { $example }.
broadcast-time-past = That time has passed. Please give a time in the future.
broadcast-time-too-far = A broadcast can be scheduled at most { NUMBER($days, useGrouping: 0) } days ahead. Please give an earlier time.
broadcast-queued = Sending has started (#{ NUMBER($id, useGrouping: 0) }); progress appears below.
broadcast-scheduled = Scheduled (#{ NUMBER($id, useGrouping: 0) }) for { $time }. See or cancel it with /broadcasts.
broadcast-draft-cancelled = Cancelled; nothing was sent.
broadcast-progress = 📣 Broadcast #{ NUMBER($id, useGrouping: 0) }: sent { NUMBER($sent, useGrouping: 0) }, failed { NUMBER($failed, useGrouping: 0) }, left { NUMBER($left, useGrouping: 0) } (of { NUMBER($total, useGrouping: 0) }). { $rate } per second, about { NUMBER($minutes, useGrouping: 0) } min { NUMBER($seconds, useGrouping: 0) } s to go.
broadcast-quiet-paused = 🌙 Quiet hours: paused, resumes at { $time }.
broadcast-button-stop = ⛔ Stop sending
broadcast-heading = 📢 Community notice · { $community } ({ $role })
broadcast-summary-done = ✅ Broadcast #{ NUMBER($id, useGrouping: 0) } finished: sent { NUMBER($sent, useGrouping: 0) }, failed { NUMBER($failed, useGrouping: 0) }, skipped { NUMBER($skipped, useGrouping: 0) } (of { NUMBER($total, useGrouping: 0) }).
broadcast-summary-cancelled = ⛔ Broadcast #{ NUMBER($id, useGrouping: 0) } stopped: sent { NUMBER($sent, useGrouping: 0) }, failed { NUMBER($failed, useGrouping: 0) }, skipped { NUMBER($skipped, useGrouping: 0) } (of { NUMBER($total, useGrouping: 0) }).
broadcast-summary-nobody = Broadcast #{ NUMBER($id, useGrouping: 0) }: nobody in the audience could receive it when it started; nothing was sent.
broadcast-reason-line = • { $reason }: { NUMBER($count, useGrouping: 0) }
broadcast-reason-blocked = blocked the bot
broadcast-reason-unreachable = already unreachable before
broadcast-reason-bad-request = refused by Telegram
broadcast-reason-network = network failure
broadcast-reason-server-error = Telegram server error
broadcast-reason-cancelled = stopped before sending
broadcast-stopping = Stopping…
broadcast-stop-finished = This broadcast has already finished.
broadcasts-none = No broadcasts yet.
broadcasts-header = Latest broadcasts ({ NUMBER($count, useGrouping: 0) }):
broadcasts-line = #{ NUMBER($id, useGrouping: 0) } { $status } { $time } · { $audience } · sent { NUMBER($sent, useGrouping: 0) } / failed { NUMBER($failed, useGrouping: 0) } / skipped { NUMBER($skipped, useGrouping: 0) } / left { NUMBER($left, useGrouping: 0) } · { $preview }
broadcasts-cancel = Cancel #{ NUMBER($id, useGrouping: 0) }
broadcast-status-scheduled = 🕒 scheduled
broadcast-status-sending = 📤 sending
broadcast-status-done = ✅ done
broadcast-status-cancelled = ⛔ stopped

## Evaluation
command-daily = Daily report: /daily or /daily 2026-05-01
command-stats = Statistics: /stats week|month|quarter or two dates
daily-bad-date = That date is not in the right form. Please write it like this: /daily 2026-05-01 (year-month-day); without a date you get today.
daily-future = That day has not come yet, so there is no report. Today is { $today }; please choose today or an earlier day.
daily-title = 📋 { $community } daily report · { $day }
daily-whole-day = (whole day)
daily-as-of = (as of { $time })
daily-totals = Reports: { NUMBER($new, useGrouping: 0) } new · { NUMBER($resolved, useGrouping: 0) } dealt with · { NUMBER($closed, useGrouping: 0) } closed · { NUMBER($reopened, useGrouping: 0) } reopened · { NUMBER($overdue, useGrouping: 0) } overdue
daily-by-category = By category:
daily-by-area = By area:
daily-no-area = Outside any area
daily-group-line = • { $name }: { NUMBER($new, useGrouping: 0) } new · { NUMBER($resolved, useGrouping: 0) } dealt with · { NUMBER($closed, useGrouping: 0) } closed · { NUMBER($reopened, useGrouping: 0) } reopened · { NUMBER($overdue, useGrouping: 0) } overdue
daily-patrols-none = Patrols: none recorded today.
daily-patrols = Patrols: { NUMBER($count, useGrouping: 0) }, { NUMBER($minutes, useGrouping: 0) } minutes in all, { NUMBER($findings, useGrouping: 0) } problems found
daily-patrol-line = • { $name } { $start }–{ $end } ({ NUMBER($minutes, useGrouping: 0) } min), { NUMBER($findings, useGrouping: 0) } found
daily-unknown-inspector = (a former inspector)
daily-patrol-ongoing = ongoing
daily-ratings-none = Residents' satisfaction: no new ratings today.
daily-ratings = Residents' satisfaction: { NUMBER($ratings, useGrouping: 0) } ratings, { $average } stars on average
stats-usage = Usage: /stats (this month), /stats week (this week), /stats month (this month), /stats quarter (this quarter), or /stats 2026-04-01 2026-04-30 (first and last day, both included).
stats-bad-date = There is no such date; please check it and send it again, e.g. /stats 2026-04-01 2026-04-30
stats-reversed = The first date is after the last one; please put the earlier date first.
stats-future = That period has not begun yet; please choose today or an earlier day to start.
stats-too-long = That period is too long: at most { NUMBER($max, useGrouping: 0) } days. Please ask for it in parts.
stats-title = 📊 Statistics · { $from } to { $to }
stats-empty = No reports in this period.
stats-reports = { NUMBER($reports, useGrouping: 0) } reports, { NUMBER($resolved, useGrouping: 0) } dealt with
stats-resolve-time = Time to deal with a report: median { $median } hours, 90% within { $p90 } hours
stats-resolve-time-none = Time to deal with a report: nothing dealt with yet
stats-ontime = Dealt with by the deadline: { $share } ({ NUMBER($met, useGrouping: 0) }/{ NUMBER($judged, useGrouping: 0) })
stats-reopen = Reopened: { $share } ({ NUMBER($reopened, useGrouping: 0) }/{ NUMBER($reports, useGrouping: 0) })
stats-rating = Residents' ratings: { NUMBER($count, useGrouping: 0) }, { $average } stars on average
stats-rating-none = Residents' ratings: none yet
stats-by-category = By category:
stats-by-area = By area:
stats-group-line = • { $name }: { NUMBER($reports, useGrouping: 0) } reports, { NUMBER($resolved, useGrouping: 0) } dealt with, on time { $ontime }, reopened { $reopen }, rating { $rating }
stats-more = …and { NUMBER($count, useGrouping: 0) } more in the CSV file
stats-inspectors = Assignees:
stats-inspector-line = • { $name }: { NUMBER($assigned, useGrouping: 0) } assigned, { NUMBER($resolved, useGrouping: 0) } dealt with
stats-csv-note = 📎 The details are in the CSV file below (opens in Excel).
stats-csv-section = Group
stats-csv-name = Name
stats-csv-reports = Reports
stats-csv-resolved = Dealt with
stats-csv-judged = Due
stats-csv-met = On time
stats-csv-ontime = On time (%)
stats-csv-reopened = Reopened
stats-csv-reopen-rate = Reopened (%)
stats-csv-ratings = Ratings
stats-csv-rating = Average stars
stats-csv-median = Median hours to deal with
stats-csv-p90 = 90th percentile hours
stats-csv-assigned = Assigned
stats-csv-total = Total
stats-csv-category = Category
stats-csv-area = Area
stats-csv-inspector = Assignee

# reports (newcomer fixes)
report-photo-kept = 📷 Photo kept for your report ({ NUMBER($count, useGrouping: 0) } so far, at most { NUMBER($max, useGrouping: 0) }). Now please tell me what is wrong: type it or send a voice message.
report-photos-full-describe = You have sent { NUMBER($max, useGrouping: 0) } photos, the most I keep, so this one was not saved. Now please tell me what is wrong: type it or send a voice message.
report-ask-photos-have = Step 3: I have { NUMBER($count, useGrouping: 0) } { $count ->
    [one] photo
   *[other] photos
  } from you already. Send more if you like (up to { NUMBER($max, useGrouping: 0) } in all), then tap "Done".
report-edit-back = ↩️ Back to the summary
report-support-own = { $number } is your own report, so there is no voice to add to it. We go on with this one as a new report.
report-support-finished = { $number } is no longer open (it has been dealt with), so we go on with yours as a new report.
report-support-gone = { $number } can no longer be found, so we go on with yours as a new report.
report-support-already = You already support { $number }; I will keep telling you about its progress.

# staff (newcomer fixes)
access-denied-admins = Sorry, only community admins can do this. Please ask an admin if it needs doing.
button-stale-group = This button is no longer valid; nothing was done.
bindgroup-in-private = Send /bindgroup in the staff group itself (add me to the group first); new reports will then appear there.
cancel-group-not-yours = Only the person who was asked can cancel this question.
staff-note-waiting = First answer the question above about { $number }, or cancel it (its Cancel button, or /cancel).
audit-entry = • { $date } { $sentence }
audit-former-member = a former member
audit-with-note = { $sentence } Note: { $note }
audit-report = { $status ->
    [accepted] { $actor } accepted { $report }.
    [assigned] { $actor } assigned { $report } to an inspector.
    [in_progress] { $actor } started work on { $report }.
    [resolved] { $actor } marked { $report } as dealt with.
    [closed] { $actor } closed { $report }.
    [rejected] { $actor } rejected { $report }.
    [duplicate] { $actor } marked { $report } as a duplicate.
    [reopened] { $actor } reopened { $report }.
   *[other] { $actor } changed { $report } to "{ $status }".
}
audit-dashboard-sign-in = { $actor } signed in to the staff dashboard.
audit-group-bind = { $actor } made a group the community's staff group.
audit-invite-create = { $actor } created an invite link for the role "{ $role }".
audit-invite-redeem = { $actor } joined as { $role } through an invite link.
audit-role-revoke = { $actor } took the role "{ $role }" from { $member }.
audit-template-add = { $actor } added a standard reply: { $text }
audit-template-retire = { $actor } retired a standard reply: { $text }
audit-hide = { $actor } hid { $what ->
    [photos] the photos
   *[description] the description
} of { $report }.
audit-areas-import = { $actor } imported the areas file: { $created } new, { $updated } updated.
audit-area-lead = { $actor } set the lead of area "{ $area }": { $lead }.
audit-auto-assign = { $actor } turned assignment by area { $on ->
    [yes] on
   *[no] off
}.
audit-deadline = { $approved ->
    [yes] { $actor } gave { $report } more time, until { $deadline }.
   *[no] { $actor } refused more time on { $report }; it stays due { $deadline }.
} Reason given: { $reason }
audit-user-forget = A member's personal data was deleted at their request; { $entries } entries no longer name them.
audit-other = { $actor }: { $action } { $subject }
# events (volunteers' duties and lectures' audiences)
command-events = Events you can join
command-myevents = Your sign-ups
command-checkin = Check in at an event with its code
command-hours = Your volunteer hours
menu-events = 🥁 Events and duties
events-none = There is nothing open to join right now. I will tell you when there is.
events-mine = 📋 My sign-ups
events-card = 📅 { $title }
    🕒 { $time }–{ $end }
    📍 { $place }
events-slot-line = • { $slot }: { $left ->
    [-1] open to all
    [0] full
    [one] { NUMBER($left, useGrouping: 0) } seat left
   *[other] { NUMBER($left, useGrouping: 0) } seats left
  }{ $waiting ->
    [0] {""}
   *[other] , { NUMBER($waiting, useGrouping: 0) } waiting
  }
events-join = ✋ { $slot }{ $left ->
    [-1] {""}
    [0] {" "}(full: join the waitlist)
   *[other] {" "}({ NUMBER($left, useGrouping: 0) } left)
  }
events-you-are = You are { $status ->
    [confirmed] signed up.
    [waitlisted] on the waitlist.
    [offered] offered a seat: see /myevents.
    [attended] checked in.
   *[other] signed up.
  }
events-joined = ✅ You are signed up. I will remind you { $when } before it starts.
events-joined-no-reminders = ✅ You are signed up.
events-remind-hours = { NUMBER($hours, useGrouping: 0) } { $hours ->
    [one] hour
   *[other] hours
  }
events-remind-minutes = { NUMBER($minutes, useGrouping: 0) } { $minutes ->
    [one] minute
   *[other] minutes
  }
events-waitlisted = This slot is full: you are number { NUMBER($position, useGrouping: 0) } on the waitlist. If a seat frees up, I will offer it to you.
events-leave = Step back
events-left = You have stepped back. Thank you for letting us know: your seat goes to the next in line.
events-refused-gone = This sign-up or event no longer exists.
events-refused-cancelled = This event has been cancelled.
events-refused-deadline = Sign-up for this event has closed.
events-refused-twice = You are already signed up for this event (see /myevents).
events-refused-not-allowed = This duty is for volunteers. Ask the community office to join the volunteers.
events-refused-offer-expired = Sorry, the time to take this seat has run out; it has gone to the next in line.
events-refused-started = The event has already started, so the sign-up can no longer be cancelled. If you cannot come, please tell the organiser.
events-offer = 🎉 A seat has freed up for { $title } ({ $time }, { $place }). Do you want it? Please answer by { $until }.
events-offer-take = ✅ Take the seat
events-offer-decline = No, thanks
events-offer-taken = ✅ The seat is yours. I will remind you before the event.
events-offer-declined = Noted: the seat goes to the next in line.
events-reminder = ⏰ Reminder: { $title } starts in { NUMBER($hours, useGrouping: 0) } { $hours ->
    [one] hour
   *[other] hours
  }: { $time }, { $place }.
events-lecture-reminder = ⏰ Reminder: { $title } { $hours ->
    [0] starts in { NUMBER($minutes, useGrouping: 0) } minutes
    [24] is tomorrow
    [one] starts in 1 hour
   *[other] starts in { NUMBER($hours, useGrouping: 0) } hours
  }: { $time }, { $place }. Your code at the door: { $code }. If you can't come, tap below and your seat goes to someone waiting.
events-reminder-minutes = ⏰ Reminder: { $title } starts in { NUMBER($minutes, useGrouping: 0) } { $minutes ->
    [one] minute
   *[other] minutes
  }: { $time }, { $place }.
events-cant-come = I can't come
events-slot-any = Join
events-calendar = 📅 Add it to your calendar: open this file.
events-mine-header = 📋 Your sign-ups:
events-mine-none = You have not signed up for anything coming up. See /events.
events-mine-line = { NUMBER($n, useGrouping: 0) }. { $title }: { $time }, { $place } ({ $slot }): { $status ->
    [confirmed] signed up
    [waitlisted] waitlist no. { NUMBER($position, useGrouping: 0) }
    [offered] a seat is offered to you
    [attended] checked in
    [no_show] marked absent
   *[other] { $status }
  }
events-checkin-ask = Please send the check-in code shown at the event, like this: /checkin ABC234
events-checkin-done = ✅ Checked in at { $title }. Thank you for coming!
events-checkin-again = You are already checked in at { $title }.
events-checkin-wrong-code = That code does not match any event. Please check it and try again.
events-checkin-not-signed-up = You are not signed up for this event, so there is nothing to check in. Ask the organiser.
events-checkin-waitlisted = You are on this event's waiting list and do not hold a seat yet, so there is nothing to check in. If you are there, please ask the organiser.
events-checkin-too-early = Check-in opens 30 minutes before the start. Please try again then.
events-checkin-over = This event is over; check-in has closed. Ask the organiser to mark you present.
events-hours = ⏱ Your volunteer hours: this month { $month } h, this year { $year } h, in all { $all } h ({ NUMBER($events, useGrouping: 0) } { $events ->
    [one] event
   *[other] events
  }).

# volunteers
command-volunteer = Become a volunteer
command-profile = My volunteer profile
command-teams = Teams and joining one
command-myteam = My team's members (leaders)
command-team-new = New team: /team_new name
menu-volunteer = 🙋 Become a volunteer
volunteers-no-community = Please choose your community first with /start.
volunteers-already = You are already a volunteer. See /profile.
volunteers-already-pending = Your application is with the community staff. You will hear from them soon.
volunteers-intro = 🙋 Thank you for wanting to help! Four short questions; /cancel stops at any time.
volunteers-edit-intro = ✏️ Let us update your profile. /cancel keeps it as it is.
volunteers-ask-name = 1/4 What name should other volunteers see? (at most { NUMBER($max, useGrouping: 0) } characters; tap the button to use your Telegram name)
volunteers-name-too-long = That name is too long. Please send one of at most { NUMBER($max, useGrouping: 0) } characters.
volunteers-name-empty = Please send the name as text.
volunteers-ask-interests = 2/4 What would you like to help with? Tap to choose (as many as you like), then Done.
volunteers-ask-times = 3/4 When are you usually free? Tap to choose, then Done.
volunteers-time-weekday_morning = Weekday mornings
volunteers-time-weekday_evening = Weekday evenings
volunteers-time-weekend = Weekends
volunteers-done = ✔️ Done
volunteers-ask-phone = 4/4 May staff call you? Tap "Share my phone number" below (only staff will see it), or Skip.
volunteers-phone-share = 📱 Share my phone number
volunteers-phone-skip = Skip
volunteers-phone-not-yours = That is someone else's contact. Please share your own number with the button, or tap Skip.
volunteers-phone-reask = Please use the buttons below: share your own number, or Skip.
volunteers-applied = ✅ Thank you! Your application has gone to the community staff; you will hear from them here.
volunteers-profile-saved = ✅ Your profile is saved. See /profile.
volunteers-approved = 🎉 Welcome, volunteer! The community staff approved your application. See /events for duties and /teams for teams.
volunteers-declined = Thank you for offering to help. The community staff cannot take your application just now; please ask them if you would like to know more.
volunteers-card = 🙋 Volunteer application no. { NUMBER($id, useGrouping: 0) }
    Name to show: { $name }
    Telegram: { $realName }
    Phone: { $phone }
    Interests: { $interests }
    Free: { $times }
volunteers-card-decided = { $status ->
    [approved] ✅ Approved by { $by }
    [declined] ❌ Declined by { $by }
   *[other] Withdrawn
  }
volunteers-approve = ✅ Approve
volunteers-decline = ❌ Decline
volunteers-decided-already = This has already been decided; nothing was changed.
volunteers-none = —
volunteers-profile = 🙋 Your volunteer profile
    Name: { $name }
    Interests: { $interests }
    Free: { $times }
    Phone (staff only): { $phone }
volunteers-profile-empty = You are a volunteer, but your profile is empty. Fill it in so staff know what you like to do.
volunteers-edit = ✏️ Edit
volunteers-fill-in = ✏️ Fill in my profile
volunteers-step-down = Step down as a volunteer
volunteers-step-down-ask = Do you really want to step down as a volunteer? You will also leave your teams.
volunteers-step-down-yes = Yes, step down
volunteers-step-down-no = No, stay
volunteers-stepped-down = You are no longer a volunteer. Thank you for all your help! You can come back any time with /volunteer.
volunteers-step-down-kept = Good: you stay a volunteer.
volunteers-not-volunteer = You are not a volunteer at the moment; nothing was changed.
teams-header = 👥 Teams:
teams-line = • { $team }: leader { $leader }, { NUMBER($members, useGrouping: 0) } { $members ->
    [one] member
   *[other] members
  }{ $mine ->
    [approved] {" "}(you are a member)
    [pending] {" "}(your request is waiting)
    [leader] {" "}(you lead it)
   *[other] {""}
  }
teams-none = There are no teams yet.
teams-join = ➕ Join { $team }
teams-set-leader = 👤 Leader of { $team }
teams-already = You are already in this team or have asked to join it.
teams-asked-leader = ✅ Your request has gone to the team leader.
teams-asked-staff = ✅ Your request has gone to the community staff.
teams-request = 👥 { $name } asks to join { $team }.
teams-request-approved = ✅ { $name } joined { $team } (approved by { $by }).
teams-request-declined = ❌ { $name } was not added to { $team } (declined by { $by }).
teams-approved = 🎉 You are now a member of { $team }.
teams-declined = Your request to join { $team } was not accepted this time.
teams-not-yours = Only the team's leader or the community staff can decide this.
teams-name-ask = Please give the team a name, like this: /team_new 腰鼓队
teams-name-too-long = That name is too long: at most 30 characters, please.
teams-name-taken = There is already a team of that name.
teams-created = ✅ Team { $name } created.
teams-ask-leader = Who leads it? Choose a volunteer:
teams-no-candidates = There are no volunteers yet to lead it; choose a leader later from /teams.
teams-leader-set = ✅ The leader is set.
teams-not-leader = You do not lead a team. See /teams.
teams-roster-header = 👥 { $team }: { NUMBER($count, useGrouping: 0) } { $count ->
    [one] member
   *[other] members
  }
teams-member = { NUMBER($n, useGrouping: 0) }. { $name }
teams-member-staff = { NUMBER($n, useGrouping: 0) }. { $name } ({ $realName }, { $phone })
# events (organisers)
command-newevent = Create an event (organisers)
command-roster = Your events: who comes, check-in, changes
events-kind = { $kind ->
    [rehearsal] Rehearsal
    [performance] Performance
    [lecture_duty] Lecture duty
    [cleanup] Clean-up day
    [lecture] Lecture
   *[other] Other
  }
events-cancelled-notice = 🚫 { $title } ({ $time }, { $place }) has been cancelled. Sorry for the change, and thank you for signing up.
events-moved-notice = 🕒 { $title } has moved: it now starts { $time } and ends { $end }, at { $place } (it was { $was }). If you can no longer come, please step back in /myevents.
newevent-ask-title = 🆕 A new event. What is it called? For example: 腰鼓队排练
newevent-title-expected = Please type the event's name.
newevent-ask-kind = What kind of event is it?
newevent-ask-start = When does it start? Please write the date and time like this: { $example } (time in { $timezone }).
newevent-start-expected = Please type the start date and time, like this: 2026-12-10 19:00
newevent-start-format = I could not read that as a date and time. Please write it like this: { $example }
newevent-start-past = That time has already passed. Please give a time in the future.
newevent-start-too-far = That is too far ahead. Please give a time within the next { NUMBER($days, useGrouping: 0) } days.
newevent-ask-end = How long does it last? Tap a button, or type a length (90 min, 2h) or the end time (21:00).
newevent-hours = { $hours } h
newevent-end-format = I could not read that. Type a length like 2h or 90 min, or the end time like 21:00.
newevent-end-before-start = The end must come after the start ({ $start }). Please type a length or a later end time.
newevent-end-too-long = An event can last at most { NUMBER($hours, useGrouping: 0) } hours. For a longer one, please create one event a day.
newevent-ask-place = Where is it? Type the place (for example: 文化广场), or share a location with 📎 → Location.
newevent-place-expected = Please type the place, or share a location.
newevent-location-noted = 📍 Location noted. Now please type the place's name, so people also read where to go.
newevent-ask-slots = Which roles, and how many people for each? Write them on one line, like this: 鼓手 12, 引导 3. A role with no number takes anyone who comes. Or tap "No limit" for one open sign-up.
newevent-no-limit = No limit
newevent-slots-expected = Please write the roles with their numbers, like this: 鼓手 12, 引导 3, or tap "No limit".
newevent-slots-format = I could not read "{ $name }". Please write each role with its number of people, like this: 鼓手 12, 引导 3.
newevent-slots-too-many = That is more than { NUMBER($max, useGrouping: 0) } roles. Please merge some of them.
newevent-slots-bad-capacity = The number of people for "{ $name }" must be from 1 to { NUMBER($max, useGrouping: 0) }.
newevent-slots-name-too-long = "{ $name }" is too long for a role's name. Please keep it to { NUMBER($max, useGrouping: 0) } characters.
newevent-slots-duplicate = "{ $name }" is there twice. Please name each role once.
newevent-ask-audience = Who may sign up?
newevent-audience = { $audience ->
    [everyone] Everyone
   *[volunteers] Volunteers
  }
newevent-audience-team = { $team } members only
newevent-ask-repeat = Is it a weekly rehearsal? Choose for how many weeks, or type a number of weeks up to { NUMBER($max, useGrouping: 0) }.
newevent-repeat = { $weeks ->
    [1] Just this once
   *[other] { NUMBER($weeks, useGrouping: 0) } weeks
  }
newevent-repeat-format = Please tap a button, or type a number of weeks from 1 to { NUMBER($max, useGrouping: 0) }.
newevent-repeat-expected = Please tap a button, or type a number of weeks.
newevent-summary = Please check the new event:
    📌 { $title } ({ $kind })
    🕒 { $time }–{ $end }
    📍 { $place }{ $located ->
        [yes] {" "}(location shared)
       *[no] {""}
    }
    🙋 Who may sign up: { $audience }{ $weeks ->
        [1] {""}
       *[other] {"\u000A"}🔁 Every week, { NUMBER($weeks, useGrouping: 0) } times
    }
    👥 Roles:
newevent-slot-line = • { $slot }: { $capacity ->
    [-1] no limit
    [1] 1 person
   *[other] { NUMBER($capacity, useGrouping: 0) } people
  }
newevent-everyone-slot = Everyone
newevent-create = ✅ Create
newevent-not-saved = Sorry, the event could not be saved. Nothing was created; please try /newevent again.
newevent-created = ✅ Created: { $title }. { $count ->
    [1] Check-in code: { $code }
   *[other] { NUMBER($count, useGrouping: 0) } weekly events, each with its own check-in code:
  }
newevent-created-line = { NUMBER($n, useGrouping: 0) }. { $time } · code { $code }
newevent-qr-caption = Check-in for { $title } ({ $time }). Show this at the door: people scan it and tap Start, or send /checkin { $code }. Link: { $link }
roster-none = There are no events today or coming up. Create one with /newevent.
roster-pick = 📋 Today's and coming events. Whose roster do you want to see?
roster-event-button = { $time } { $title }
roster-header = 📋 { $title }
    🕒 { $time }–{ $end } · 📍 { $place }
    Check-in code: { $code }
roster-is-cancelled = 🚫 This event has been cancelled.
roster-slot = { $slot } ({ NUMBER($taken, useGrouping: 0) }{ $capacity ->
    [-1] , no limit
   *[other] /{ NUMBER($capacity, useGrouping: 0) }
  }):
roster-slot-empty = (nobody yet)
roster-person = { $status ->
    [attended] ✅ { $name }: present
    [no_show] ❌ { $name }: absent
    [offered] 🎟 { $name }: offered a seat
    [waitlisted] ⏳ { $name }: waitlist no. { NUMBER($position, useGrouping: 0) }
   *[confirmed] ▫️ { $name }: signed up
  }
roster-mark-present = ✅ { $name }
roster-mark-absent = ❌ { $name }
roster-marked = { $status ->
    [attended] Marked present.
   *[no_show] Marked absent.
  }
roster-marked-already = { $status ->
    [attended] Already marked present.
   *[no_show] Already marked absent.
  }
roster-mark-too-early = People can be marked from 30 minutes before the start.
roster-mark-not-seated = Only people holding a seat can be marked present or absent.
roster-button-time = 🕒 Change time
roster-button-seats = 👥 Change seats
roster-button-qr = 🔳 Check-in QR code
roster-button-cancel = 🚫 Cancel event
roster-button-back = ⬅️ All events
roster-cancel-ask = Cancel { $title } ({ $time }, { $place })? { $count ->
    [0] Nobody has signed up yet.
    [one] The 1 person signed up will be told.
   *[other] The { NUMBER($count, useGrouping: 0) } people signed up will be told.
  }
roster-cancel-yes = Yes, cancel the event
roster-cancel-no = No, keep it
roster-cancel-kept = The event stays as it is.
roster-cancel-done = 🚫 { $title } is cancelled. { $count ->
    [0] Nobody had signed up.
    [one] The 1 person signed up is being told.
   *[other] The { NUMBER($count, useGrouping: 0) } people signed up are being told.
  }
roster-refused-gone = This event no longer exists, or it is not in your community.
roster-refused-cancelled = This event has been cancelled.
roster-refused-over = This event is over; it can no longer be changed.
roster-seats-pick = Which role's seats do you want to change?
roster-seats-ask = How many seats for { $slot }? Now: { $capacity ->
    [-1] no limit
   *[other] { NUMBER($capacity, useGrouping: 0) }
  }, { NUMBER($taken, useGrouping: 0) } taken. Type the new number, or tap "No limit".
roster-seats-format = Please type a whole number from 1 to { NUMBER($max, useGrouping: 0) }, or tap "No limit".
roster-seats-expected = Please type the new number of seats, or tap "No limit".
roster-seats-below-taken = { NUMBER($taken, useGrouping: 0) } people already hold a seat in { $slot }, so it cannot have fewer than { NUMBER($taken, useGrouping: 0) }. Please type { NUMBER($taken, useGrouping: 0) } or more.
roster-seats-done = ✅ { $slot } now has { $capacity ->
    [-1] no limit
   *[other] { NUMBER($capacity, useGrouping: 0) } seats
  }.{ $offered ->
    [0] {""}
    [one] {" "}The first on the waitlist has been offered a seat.
   *[other] {" "}The first { NUMBER($offered, useGrouping: 0) } on the waitlist have been offered a seat.
  }
roster-time-ask = { $title } starts { $time } and ends { $end }. Type the new start like this: { $example } (time in { $timezone }). The end moves with it.
roster-time-done = ✅ Moved: { $title } now starts { $time } and ends { $end }. { $count ->
    [0] Nobody has signed up yet.
    [one] The 1 person signed up is being told; their reminders move with it.
   *[other] The { NUMBER($count, useGrouping: 0) } people signed up are being told; their reminders move with it.
  }
roster-time-unchanged = That is the time it already has; nothing changed. Please type another time, or /cancel.
roster-time-started = This event has already started; its time can no longer be changed.

## Volunteers: staff tools
roster-hours-button = ⏱ Hours
hours-adjust-ask = ⏱ { $name } at { $title } counts { $hours } h now ({ $source ->
    [credited] set by staff
   *[times] from check-in or the start to the end
  }). How many hours should count? Type a number from 0 to { NUMBER($max, useGrouping: 0) }, for example 2.5.
hours-adjust-format = Please type the hours as a number from 0 to { NUMBER($max, useGrouping: 0) }, for example 2 or 1.5.
hours-adjust-expected = Please type the number of hours, or /cancel.
hours-adjust-ask-reason = Why? Please type the reason; it is kept in the audit log.
hours-adjust-reason-short = Please give a reason of at least { NUMBER($min, useGrouping: 0) } characters.
hours-adjust-reason-long = The reason can be at most { NUMBER($max, useGrouping: 0) } characters. Please shorten it.
hours-adjust-reason-expected = Please type the reason, or /cancel.
hours-adjust-done = ✅ { $name }: { $title } now counts { $after } h (was { $before } h). Recorded in the audit log.
hours-adjust-not-attended = Only people marked present count hours. Please mark them present first.
audit-hours-adjust = { $actor } set { $member }'s hours for { $title } from { $before } h to { $after } h. Reason: { $reason }
audit-event-create = { $actor } created the event { $title } ({ $time }{ $count ->
    [1] {""}
   *[other] , weekly, { NUMBER($count, useGrouping: 0) } times
  }).
audit-event-cancel = { $actor } cancelled { $title } ({ $time }); { NUMBER($count, useGrouping: 0) } { $count ->
    [one] person was told
   *[other] people were told
  }.
audit-event-reschedule = { $actor } moved { $title } from { $from } to { $to }{ $count ->
    [1] {""}
   *[other] , with { NUMBER($count, useGrouping: 0) } events of its series
  }.
audit-event-seats = { $actor } changed the seats of { $slot } at { $title }: { $before ->
    [-1] no limit
   *[other] { NUMBER($before, useGrouping: 0) }
  } → { $after ->
    [-1] no limit
   *[other] { NUMBER($after, useGrouping: 0) }
  }.
audit-event-mark = { $actor } marked { $member } { $status ->
    [attended] present
   *[no_show] absent
  } at { $title }.
command-volunteers = Volunteers: teams, hours, no-shows
volunteers-overview-none = There are no volunteers yet.
volunteers-overview-header = 👥 Volunteers: { NUMBER($count, useGrouping: 0) }. This month ({ $month }): { $hours } h in all.
volunteers-overview-line = { NUMBER($n, useGrouping: 0) }. { $name } ({ $realName }) · { $teams } · { $month } h this month, { $all } h in all, { NUMBER($events, useGrouping: 0) } { $events ->
    [one] event
   *[other] events
  } · no-show { $rate }
volunteers-overview-more = …and { NUMBER($count, useGrouping: 0) } more: the CSV file has everyone.
volunteers-overview-csv = 📄 Hours per volunteer per month come as a CSV file (opens in Excel).
volunteers-no-team = no team
volunteers-csv-name = Name
volunteers-csv-real-name = Telegram name
volunteers-csv-month = Month
volunteers-csv-hours = Hours
volunteers-csv-events = Events
roster-button-csv = 📄 CSV
sheet-caption = 📄 Roster and attendance: { $title } ({ $time })
sheet-csv-slot = Role
sheet-csv-name = Name
sheet-csv-phone = Phone
sheet-csv-status = Status
sheet-csv-signed-up = Signed up
sheet-csv-checked-in = Checked in
sheet-csv-hours = Hours
sheet-csv-credited = Adjusted by staff
sheet-credited-yes = yes
sheet-status = { $status ->
    [attended] present
    [no_show] absent
    [offered] offered a seat
    [waitlisted] waitlist no. { NUMBER($position, useGrouping: 0) }
   *[confirmed] signed up
  }
events-checkin-or-location = Or, at the event's place, tap "📍 Check in here" below to share your location.
events-checkin-share = 📍 Check in here
events-checkin-too-far = You are about { NUMBER($meters, useGrouping: 0) } m from the place of { $title }; check-in by location works within { NUMBER($radius, useGrouping: 0) } m. Please come closer and try again, or check in with the code.
events-checkin-not-yet = Check-in for { $title } opens at { $time } (30 minutes before the start). Please share your location again then.
events-checkin-no-place = { $title } has no location on record, so please check in with the code the organiser shows.
roster-time-scope = This is a weekly series with { NUMBER($count, useGrouping: 0) } { $count ->
    [one] event
   *[other] events
  } after this one. Move only this one, or the later ones too, each to the same time on its own day?
roster-time-only-this = Only this one
roster-time-whole-series = This and the later ones ({ NUMBER($count, useGrouping: 0) } events)
roster-time-series-done = 🔁 { NUMBER($count, useGrouping: 0) } events of the series moved, each to the same time on its own day.
evaluation-volunteering = 🙋 Volunteering: { NUMBER($signups, useGrouping: 0) } { $signups ->
    [one] sign-up
   *[other] sign-ups
  }; { NUMBER($events, useGrouping: 0) } { $events ->
    [one] event
   *[other] events
  }, { NUMBER($attended, useGrouping: 0) } came, { NUMBER($noShows, useGrouping: 0) } did not; { $hours } h served.
roster-button-announce = 📣 Announce to those who may sign up
roster-announced = 📣 Announced to { NUMBER($count, useGrouping: 0) } { $count ->
    [one] person
   *[other] people
  } who may sign up. It goes out at the broadcasts' pace (not in quiet hours); the progress comes as its own message, with Stop.
roster-announce-already = This event has already been announced.
roster-announce-closed = Sign-ups for this event have closed, so there is nothing to announce.
events-announcement = 📣 You can sign up for this event:
teams-remove-button = ➖ { $name } ({ $team })
teams-remove-ask = Remove { $name } from { $team }? They will be told.
teams-remove-yes = Yes, remove
teams-remove-no = No, keep
teams-remove-kept = Nothing changed.
teams-removed = ✅ { $name } is no longer in { $team }.
teams-remove-not-member = They are no longer a member of this team.
teams-removed-notice = You are no longer a member of { $team }. Ask the team's leader or the community staff if you think this is a mistake.
audit-team-remove = { $actor } removed { $member } from the team { $team }.
command-interests = Volunteer interests (admins)
command-interest-add = Add a volunteer interest (admins)
interests-list = 🙋 The interests volunteers choose from (Chinese / English):
    { $names }
    Tap one to take it off the list (profiles that have it keep it). Add one with /interest_add 中文名 / English name
interests-add-empty = Please give both names: /interest_add 中文名 / English name
interests-add-too-long = An interest's name is at most { NUMBER($max, useGrouping: 0) } characters in each language.
interests-add-exists = There is already an interest of that name.
interests-added = Interest added: { $zh } / { $en }
interests-remove-ask = Take this interest off the list? Volunteers who chose it keep it in their profiles.
interests-remove-yes = Yes, take it off
interests-removed = ✅ Taken off the list.
interests-gone = This interest is no longer on the list.
audit-interest-add = { $actor } added the volunteer interest { $zh } / { $en }.
audit-interest-archive = { $actor } took the volunteer interest { $zh } / { $en } off the list.

## Lectures: topics and subscriptions
command-subscribe = Lecture announcements: choose topics
command-unsubscribe = Stop lecture announcements
command-topics = Lecture topics (admins)
lectures-no-community = Please send /start first to join your community.
lectures-subscribe-intro = 📚 Which lectures would you like to hear about? Tap a topic to turn it on or off.
lectures-all = Every lecture
lectures-stop-all = 🔕 Stop all announcements
lectures-subscriptions-saved = Saved.
lectures-unsubscribed = 🔕 You will get no more lecture announcements. /subscribe turns them on again.
lectures-topic-gone = This topic no longer exists.
lectures-optin-ask = 📚 The community holds lectures (law, health, traffic safety…). Would you like to hear about them? We only send what you choose.
lectures-optin-yes = Yes, choose topics
lectures-optin-no = No, thank you
lectures-optin-declined = All right, no announcements. You can change your mind any time with /subscribe.
lectures-topic-removed = The lecture topic "{ $en }" ({ $zh }) has been removed, so you will no longer get its announcements. /subscribe shows the topics there are.
lectures-topics = 📚 Lecture topics (Chinese / English):
    { $names }
    Tap one to remove it. Add one with /topic_add 中文名 / English name
lectures-topic-add-empty = Please give both names: /topic_add 中文名 / English name
lectures-topic-add-too-long = A topic's name is at most { $max } characters in each language.
lectures-topic-add-exists = There is already a topic of that name.
lectures-topic-added = Topic added: { $zh } / { $en }
lectures-topic-remove-ask = Remove this topic? Its subscribers will be told.
lectures-topic-remove-yes = Yes, remove it
lectures-topic-removed-done = Topic removed; { $told ->
    [0] nobody was subscribed to it.
    [one] its one subscriber has been told.
   *[other] its { $told } subscribers have been told.
  }

## Lectures: listing, registration, the door, feedback, staff
command-lectures = Lectures: coming and past
command-mylectures = Your lecture registrations and codes
command-newlecture = New lecture
command-lectures-csv = Lecture figures of a quarter (CSV)
menu-lectures = 🎓 Lectures
lectures-none = No lectures are coming up. /subscribe to hear about new ones.
lectures-card = 🎓 { $title }
    🏷 { $topic } · 🎤 { $speaker }
    🕒 { $time }–{ $end }
    📍 { $place }
lectures-seats = { $left ->
    [-1] Open to all: register to get your code.
    [0] Full: { $waiting } on the waiting list. You can still join the list.
    [one] 1 seat left
   *[other] { $left } seats left
  }
lectures-no-registration = No registration needed: just come.
lectures-past-header = Past lectures:
lectures-past-line = • { $time } { $title }{ $files ->
    [0] {""}
   *[other] {" "}(📎 { NUMBER($files, useGrouping: 0) })
  }
lectures-register = 📝 Register
lectures-interested = ⭐ Interested
lectures-stop-these = 🔕 Stop these announcements
lectures-registered = ✅ You are registered. Your code: { $code }. Show it at the door. I will remind you the day before and one hour before.
lectures-registered-soon = ✅ You are registered. Your code: { $code }. Show it at the door: the lecture starts soon.
lectures-waitlisted = The seats are taken: you are number { $position } on the waiting list (your code: { $code }). If a seat frees up, I will ask you.
lectures-interest-saved = Noted: you are interested.
lectures-refused-gone = This lecture no longer exists.
lectures-refused-cancelled = This lecture has been cancelled.
lectures-refused-past = Registration for this lecture has closed.
lectures-refused-twice = You are already registered for this lecture (see /mylectures).
lectures-refused-open = This lecture needs no registration: just come.
lectures-mine-none = You have no lecture registrations. /lectures shows what is coming.
lectures-mine-header = 🎓 Your lectures:
lectures-mine-line = { NUMBER($n, useGrouping: 0) }. { $title }: { $time }, { $place }. { $status ->
    [waitlisted] On the waiting list.
    [offered] A seat is offered to you: see your messages.
    [attended] Checked in.
   *[other] Registered.
  } Code: { $code }
lectures-cancel-registration = ❌ Cancel registration { NUMBER($n, useGrouping: 0) }
lectures-door = 🚪 Check-in at the door
lectures-figures = 📊 Figures
lectures-cancel-lecture = ❌ Cancel lecture
lectures-door-open = 🚪 Check-in for "{ $title }". Type each code as people show it; I answer each at once.
lectures-door-walkin = ➕ Walk-in (not registered)
lectures-door-done = ✅ Done
lectures-door-checked-in = ✅ { $name }: checked in.
lectures-door-already = ⚠️ { $name } is already checked in.
lectures-door-waitlisted = ⚠️ { $name } is on the waiting list and holds no seat.
lectures-door-not-registered = ❌ No registration with this code for this lecture.
lectures-door-another = ❌ This code is for another lecture: { $title }.
lectures-door-closed = Check-in for this lecture is not open (from 30 minutes before the start to the end).
lectures-door-walkins = Walk-ins so far: { $count }
lectures-door-summary = 🚪 Check-in closed.
lectures-door-hint = Type a registration code (4 letters and digits), or tap a button.
lectures-door-not-helper = Only the lecture's duty helpers and staff run the check-in.
lectures-feedback-ask = 🎓 Thank you for coming to "{ $title }". How was it? Tap 1 to 5 stars.
lectures-stars = { $stars }⭐
lectures-feedback-thanks = Thank you for your { $stars } stars! Add a comment if you like: type it now (or /cancel).
lectures-feedback-not-attendee = Only people who attended the lecture can rate it.
lectures-comment-saved = Thank you, your comment is saved.
lectures-comment-expected = Please type your comment as text, or /cancel.
lectures-figures-text = 📊 { $title } ({ $time })
    Registered: { $registered } · attended: { $attended } · walk-ins: { $walkins } · no-shows: { $noshows }
    Average rating: { $rating } ({ $ratings } ratings)
lectures-cancel-ask = Cancel "{ $title }"? Everyone registered will be told.
lectures-cancel-yes = Yes, cancel the lecture
lectures-cancelled-done = The lecture is cancelled; { $told } registered people are told.
lectures-csv-usage = Which quarter? For example: /lectures_csv 2026-Q2
lectures-csv-caption = 📊 Lectures { $quarter }: { $lectures } lectures, { $people } people came (attended and walk-ins).
newlecture-ask-title = 🆕 A new lecture. What is it called? For example: 防诈骗知识讲座
newlecture-ask-topic = Which topic? (Its subscribers will hear about it.)
newlecture-no-topic = No topic
newlecture-ask-speaker = Who speaks? (Name and title, for example: 王律师)
newlecture-speaker-expected = Please type the speaker's name.
newlecture-skip = Skip
newlecture-ask-poster = Send the poster as a photo, or tap Skip.
newlecture-poster-expected = Please send a photo, or tap Skip.
newlecture-ask-description = A few words about the lecture (or Skip).
newlecture-description-expected = Please type the description, or tap Skip.
newlecture-ask-seats = How many seats? Type a number, or tap "No limit".
newlecture-seats-format = Please type a whole number of seats (1 or more), or tap "No limit".
newlecture-ask-registration = Do people need to register?
newlecture-registration-yes = Yes, with codes at the door
newlecture-registration-no = No, open lecture
newlecture-ask-duty = Lecture duty for volunteers, on one line like this: 签到 2, 引导 3. Or tap "No duty".
newlecture-no-duty = No duty
newlecture-summary = 🎓 { $title }
    🏷 { $topic } · 🎤 { $speaker }
    🕒 { $time }–{ $end }
    📍 { $place }
    { $registration ->
        [yes] Registration: { $seats ->
            [-1] no seat limit
           *[other] { $seats } seats
        }
       *[no] Open lecture, no registration
    }
    Lecture duty: { $duty }
newlecture-created = ✅ Lecture created: { $title } (no. { NUMBER($id, useGrouping: 0) }). /lectures shows it.

## Lectures: announcements
lectures-announce = 📣 Announce to subscribers
lectures-announce-all = 📣 Announce to all residents
lectures-announce-not-found = This lecture no longer exists.
lectures-announce-already = This lecture has been announced already.
lectures-announce-over = This lecture is cancelled or over.
lectures-announced = 📣 Announcing to { $count } people; the progress follows.
lectures-announcement = { $name }, a new lecture you may like: { $title }

## Lectures: more for staff
lectures-roster = 🗂 Roster, change time or seats, QR code
lectures-poster = 🖨 Door poster and QR code
lectures-poster-heading = Lecture check-in
lectures-poster-time = Time:
lectures-poster-place = Place:
lectures-poster-scan = Registered? Scan the code with your phone and tap Start in Telegram: you are checked in (from 30 minutes before the start to the end).
lectures-poster-code = Cannot scan? Show your registration code to the helper at the door.
lectures-poster-caption = 🖨 The door poster for "{ $title }" (A4, ready to print): registered people scan it to check in, and are asked for their rating after the lecture.
lectures-poster-no-font = The printable poster needs a Chinese font on the server (Debian: apt-get install fonts-noto-cjk); the QR code above works on its own.
lectures-materials = 📎 Materials
lectures-materials-get = 📎 Materials
lectures-materials-ask = 📎 Materials for "{ $title }": send or forward the PDF or the photos here (up to { NUMBER($max, useGrouping: 0) } files), then tap Done. Nothing goes out before you choose who gets them.
lectures-materials-expected = Please send a file (a PDF) or a photo, or tap Done.
lectures-materials-done = ✅ Done, choose who gets them
lectures-materials-got = Received: { NUMBER($count, useGrouping: 0) } { $count ->
    [one] file
   *[other] files
  } for this lecture. Send more, or tap Done.
lectures-materials-full = This lecture already has { NUMBER($max, useGrouping: 0) } files, the most Telegram sends together. Tap Done.
lectures-materials-none = There are no new files to send. Nothing was sent.
lectures-materials-who = Who gets the { NUMBER($files, useGrouping: 0) } new { $files ->
    [one] file
   *[other] files
  }?
lectures-materials-attendees = The attendees ({ NUMBER($count, useGrouping: 0) })
lectures-materials-subscribers = Attendees and the topic's subscribers ({ NUMBER($count, useGrouping: 0) })
lectures-materials-sending = 📎 Sending the materials to { NUMBER($count, useGrouping: 0) } people; the progress follows.
lectures-materials-nothing = These files have been sent already. Nothing was sent.
lectures-materials-nobody = Nobody to send them to yet (no one checked in, no subscribers). The files are kept: send them later from the lecture.
lectures-materials-not-found = This lecture no longer exists.
lectures-materials-caption = 📎 Materials from the lecture "{ $title }" ({ $time })

## Lectures: in the daily report and /stats
evaluation-lectures = Lectures: { $lectures }; { $registered } registered, { $attended } came, { $walkins } walk-ins, { $noshows } did not come ({ $people } people in all); rating { $rating }

## Dashboard: daily records, volunteers, events, lectures, broadcasts
dashboard-nav-daily = Daily records
dashboard-nav-volunteers = Volunteers
dashboard-nav-events = Events
dashboard-nav-lectures = Lectures
dashboard-nav-broadcasts = Broadcasts
dashboard-daily-title = Daily record · { $day }
dashboard-daily-pick = Day
dashboard-daily-prev = ‹ Day before
dashboard-daily-next = Day after ›
dashboard-daily-none = No daily record was kept for { $day }. A day is recorded when the evening report is posted, or when someone sends /daily { $day } to the bot.
dashboard-daily-so-far = Today so far (as of { $time }); the record is kept when the evening report is posted.
dashboard-daily-whole-day = The whole day, as recorded.
dashboard-daily-as-of = As recorded at { $time }, before the day was over.
dashboard-daily-bad-day = "{ $day }" is not a day that can be read: please pick one in the calendar (year-month-day). Today's figures are shown instead.
dashboard-daily-future = { $day } has not come yet (today is { $today }). Today's figures are shown instead.
dashboard-daily-new = new
dashboard-daily-resolved = dealt with
dashboard-daily-closed = closed
dashboard-daily-reopened = reopened
dashboard-daily-overdue = overdue
dashboard-daily-no-reports = No report was filed, dealt with, closed, reopened or overdue that day.
dashboard-daily-patrols = Patrols
dashboard-daily-patrols-none = No patrol was recorded that day.
dashboard-daily-more = Satisfaction, volunteering and lectures
dashboard-daily-ratings-none = Residents' satisfaction: no ratings that day.
dashboard-volunteers-title = Volunteers
dashboard-volunteers-count = { NUMBER($count, useGrouping: 0) } volunteers; this month ({ $month }) { $hours } hours in all.
dashboard-volunteers-csv = ⬇ Hours per volunteer per month (CSV)
dashboard-volunteers-col-name = Name
dashboard-volunteers-col-teams = Teams
dashboard-volunteers-col-month = Hours in { $month }
dashboard-volunteers-col-all = Hours in all
dashboard-volunteers-col-events = Events attended
dashboard-volunteers-col-no-shows = Did not come
dashboard-volunteers-month-title = Hours in { $month }
dashboard-volunteers-month = Month
dashboard-volunteers-month-none = Nobody served at an event that month.
dashboard-volunteers-month-total = { $hours } hours by { NUMBER($count, useGrouping: 0) } volunteers.
dashboard-volunteers-bad-month = "{ $month }" is not a month that can be shown (year-month, not in the future). This month ({ $current }) is shown instead.
dashboard-volunteers-teams = Teams
dashboard-volunteers-teams-none = There are no teams yet.
dashboard-volunteers-members = { NUMBER($count, useGrouping: 0) } { $count ->
    [one] member
   *[other] members
  }
dashboard-events-title = Events
dashboard-events-coming = Coming
dashboard-events-past = Past
dashboard-events-none-coming = No events to come.
dashboard-events-none-past = No past events.
dashboard-events-more-coming = The { NUMBER($count, useGrouping: 0) } soonest are shown.
dashboard-events-older = Older ›
dashboard-events-bad-page = That page number could not be read; the latest events are shown.
dashboard-events-col-when = When
dashboard-events-col-title = Event
dashboard-events-col-kind = Kind
dashboard-events-col-seats = Seats taken
dashboard-events-col-waiting = Waiting
dashboard-events-col-came = Came
dashboard-events-came = { NUMBER($came, useGrouping: 0) } present, { NUMBER($absent, useGrouping: 0) } absent
dashboard-events-taken-open = { NUMBER($taken, useGrouping: 0) } (no limit)
dashboard-events-waiting = { NUMBER($count, useGrouping: 0) } waiting
dashboard-events-cancelled = cancelled
dashboard-events-is-cancelled = This event was cancelled.
dashboard-events-team-only = { $team } only
dashboard-events-back = ‹ All events
dashboard-events-not-found = There is no such event in this community.
dashboard-events-place = Place
dashboard-events-attendance = Attendance
dashboard-events-attendance-line = { NUMBER($present, useGrouping: 0) } present, { NUMBER($absent, useGrouping: 0) } absent, { NUMBER($unknown, useGrouping: 0) } not marked
dashboard-events-unknown = not marked
dashboard-events-signed-up = { NUMBER($count, useGrouping: 0) } holding a seat, { NUMBER($waiting, useGrouping: 0) } waiting or offered one.
dashboard-events-csv = ⬇ Roster and attendance (CSV)
dashboard-events-nobody = Nobody has signed up.
dashboard-events-credited = adjusted
dashboard-lectures-title = Lectures
dashboard-lectures-coming = Coming
dashboard-lectures-none-coming = No lectures to come.
dashboard-lectures-quarter-title = Lectures in { $quarter }
dashboard-lectures-quarter = Quarter
dashboard-lectures-csv = ⬇ The quarter's lectures (CSV)
dashboard-lectures-count = { NUMBER($lectures, useGrouping: 0) } lectures; { NUMBER($people, useGrouping: 0) } people came (attendees and walk-ins).
dashboard-lectures-bad-quarter = "{ $quarter }" is not a quarter that can be read (like 2026-Q2). This quarter ({ $current }) is shown instead.
dashboard-lectures-csv-usage = Which quarter? Please give it like this: ?quarter=2026-Q2. Nothing was downloaded.
dashboard-lectures-col-title = Lecture
dashboard-lectures-col-registered = registered
dashboard-lectures-col-attended = came
dashboard-lectures-col-walk-ins = walk-ins
dashboard-lectures-col-no-shows = did not come
dashboard-lectures-col-rating = Rating
dashboard-lectures-rating = average stars ({ NUMBER($count, useGrouping: 0) } ratings)
dashboard-lectures-back = ‹ All lectures
dashboard-lectures-not-found = There is no such lecture in this community.
dashboard-lectures-is-cancelled = This lecture was cancelled; its figures are not counted.
dashboard-lectures-speaker = Speaker
dashboard-lectures-topic = Topic
dashboard-lectures-open = open to all, no registration needed
dashboard-lectures-comments = Attendees' comments
dashboard-lectures-no-comments = No comments yet.
dashboard-lectures-registrations = Registrations
dashboard-broadcasts-title = Broadcasts
dashboard-broadcasts-count = { NUMBER($count, useGrouping: 0) } broadcasts (the latest { NUMBER($shown, useGrouping: 0) } at most), announcements of events and lectures included.
dashboard-broadcasts-col-id = No.
dashboard-broadcasts-col-status = State
dashboard-broadcasts-col-audience = To
dashboard-broadcasts-col-text = Message
dashboard-broadcasts-col-progress = Progress
dashboard-broadcasts-urgent = urgent
dashboard-broadcasts-figures = { NUMBER($sent, useGrouping: 0) } sent · { NUMBER($failed, useGrouping: 0) } failed · { NUMBER($skipped, useGrouping: 0) } skipped · { NUMBER($left, useGrouping: 0) } left, of { NUMBER($total, useGrouping: 0) }
dashboard-broadcasts-not-started = not started yet
