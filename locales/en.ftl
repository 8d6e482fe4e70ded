## Errors and limits
error-apology = Sorry, something went wrong on our side and we have logged it. Please try again in a moment.
flood-slow-down = You are sending messages too fast. Please wait { NUMBER($seconds, useGrouping: 0) } seconds and try again.
access-denied = Sorry, you are not allowed to do this. Please contact the community staff if you need it.
button-stale = This button is no longer valid. Send /start to begin again.
text-too-long = That is too long: at most { NUMBER($max, useGrouping: 0) } characters, please shorten it.
use-buttons = Please tap one of the buttons above.
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
