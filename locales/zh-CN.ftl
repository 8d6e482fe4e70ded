## Errors and limits
error-apology = 抱歉，刚才出了点问题，我们已经记录下来了。请稍后再试一次。
flood-slow-down = 您发送得太快了，请等 { NUMBER($seconds, useGrouping: 0) } 秒后再试。
access-denied = 抱歉，您没有权限进行这项操作。如有需要，请联系社区工作人员。
button-stale = 这个按钮已经失效了，请发送 /start 重新开始。
text-too-long = 内容太长了，最多 { NUMBER($max, useGrouping: 0) } 个字，请精简后再发送。
use-buttons = 请点击上面的按钮进行选择。
edit-not-supported = 我看不到修改后的消息，请直接重新发送一条。
unknown-command = 没有这个命令。请从下面的菜单里选择：
not-understood = 我没看懂这条消息。请从下面的菜单里选择要做的事：

## Groups
group-use-private = 请在私聊中和我对话，点击下面的按钮即可。
group-open-private = 打开私聊

## Commands
command-start = 开始 / 主菜单
command-help = 帮助
command-cancel = 取消当前操作
command-language = 切换语言 Language

## Home
welcome = { $name }，您好！欢迎使用社区服务助手。请选择要做的事：
help-intro = 我是社区服务助手。您可以使用这些命令，任何一步都可以发送 /cancel 退出：
cancel-done = 已取消，没有保存任何内容。请选择要做的事：
cancel-nothing = 当前没有进行中的操作。请选择要做的事：
menu-help = ❓ 帮助
menu-language = 🌐 语言 Language
button-cancel = 取消
button-yes = 是的

## Language
language-choose = 请选择语言 / Choose your language:
language-set = 好的，以后我会用简体中文和您交流。
language-name-zh-CN = 简体中文
language-name-en = English

## Community
community-choose = 请选择您所在的社区（点击按钮，或直接输入社区名称）：
community-type-or-tap = 请点击按钮选择社区，或输入社区名称。
community-not-found = 没有找到这个社区，请点击按钮选择，或输入更准确的名称。
community-confirm = 您选择的是「{ $name }」，对吗？
community-choose-again = 重新选择
community-joined = { $name }，您已加入社区！请选择要做的事：
community-already-member = 您已经属于一个社区了。如需更换，请联系社区工作人员。
community-gone = 这个社区已不存在，请发送 /start 重新选择。
