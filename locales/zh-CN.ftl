## Errors and limits
error-apology = 抱歉，刚才出了点问题，我们已经记录下来了。请稍后再试一次。
flood-slow-down = 您发送得太快了，请等 { NUMBER($seconds, useGrouping: 0) } 秒后再试。
access-denied = 抱歉，您没有权限进行这项操作。如有需要，请联系社区工作人员。
button-stale = 这个按钮已经失效了，请发送 /start 重新开始。
text-too-long = 内容太长了，最多 { NUMBER($max, useGrouping: 0) } 个字，请精简后再发送。
use-buttons = 请点击上面的按钮进行选择。
conversation-command-later = { $command } 要等这件事办完才能用：请先回答上面的问题，或发送 /cancel 退出。
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

## Reports: commands and menu
command-report = 上报环境卫生问题
command-my = 我的上报
command-forget = 删除我的个人数据
menu-report = 📸 上报问题
menu-my = 📋 我的上报

## Reports: the /report conversation
report-join-first = 请先发送 /start 选择您所在的社区，然后再上报问题。
report-daily-limit = 您今天已经上报了 { NUMBER($limit, useGrouping: 0) } 个问题，达到每日上限。请明天再报；紧急情况请直接联系社区。
report-ask-category = 第 1 步（共 4 步）：请选择问题类型：
report-use-category-buttons = 请点击上面的按钮选择问题类型，或发送 /cancel 退出。
report-ask-description = 第 2 步：请描述一下问题（打字或发语音都可以），例如：“3号楼东侧垃圾堆了三天没人清理”。
report-description-example = 请用文字或语音描述问题，例如：“3号楼东侧垃圾堆了三天没人清理”。
report-description-too-long = 描述太长了（{ NUMBER($length, useGrouping: 0) } 字），最多 { NUMBER($max, useGrouping: 0) } 字，请精简后重新发送。
report-ask-photos = 第 3 步：请发送现场照片（最多 { NUMBER($max, useGrouping: 0) } 张），发完后点击“完成”。没有照片可以点“跳过”。
report-photos-done = ✅ 完成
report-photos-skip = ⏭️ 跳过
report-photos-expected = 请发送照片，或点击下面的按钮继续。
report-photo-received = 📷 照片已收到。可以继续发送，或点击“完成”。
report-photo-not-image = 这个文件不是图片，没有保存。请发送现场的照片。
report-photo-too-large = 这个文件太大了（超过 { NUMBER($max, useGrouping: 0) } MB），请直接以照片形式发送。
report-photos-full = 最多保存 { NUMBER($max, useGrouping: 0) } 张照片，之后的照片不会保存。请点击“完成”。
report-ask-location = 第 4 步：问题在哪里？请点击下面的“发送我的位置”按钮，或直接输入地址、楼号、附近的标志物。
report-location-share = 📍 发送我的位置
report-location-expected = 请发送位置，或输入地址（例如：“幸福路 12 号门口”）。
report-address-noted = 地址已记下。
report-location-in-area = 位置已收到，属于「{ $area }」。
report-location-noted = 位置已收到。
report-outside-areas = 这个位置好像不在本社区的网格范围内。仍然要上报吗？
report-outside-yes = 是的，仍然上报
report-outside-again = 重新发送位置
report-duplicate-found = 附近已经有人反映了同样的问题：
report-duplicate-line = • { $number }（约 { NUMBER($meters, useGrouping: 0) } 米）
report-duplicate-support = 👍 就是这个 { $number }，我也反映
report-duplicate-new = 不是，这是新问题
report-supported = 👍 已记录！您已支持 { $number }，处理进展也会通知您。
report-summary =
    请核对您的上报：
    类型：{ $category }
    描述：{ $description }
    照片：{ NUMBER($photos, useGrouping: 0) } 张
    地点：{ $place }
    网格：{ $area }
    匿名上报：{ $anonymous ->
        [yes] 是（工作人员看不到您的姓名）
       *[no] 否
    }
report-summary-point = 坐标 { $latitude }, { $longitude } { $address }
report-summary-voice = 🎤 语音描述
report-summary-no-area = 未确定
report-confirm = ✅ 确认提交
report-edit = ✏️ 修改
report-anonymous-off = 🙈 改为匿名上报
report-anonymous-on = 👤 取消匿名
report-edit-which = 要修改哪一项？
report-edit-category = 问题类型
report-edit-description = 描述
report-edit-photos = 照片
report-edit-location = 地点
report-category-unavailable = 这个问题类型已停用，请发送 /report 重新上报。
report-filed = ✅ 上报成功！您的查询编号是 { $number }。社区工作人员会尽快处理，每一步进展我都会通知您。发送 /my 可以随时查看。

## Reports: notifications to the reporter and supporters
report-notify-accepted = { $role ->
    [supporter] 您支持的问题
   *[reporter] 您上报的问题
} { $number } 已被社区受理。
report-notify-assigned = { $role ->
    [supporter] 您支持的问题
   *[reporter] 您上报的问题
} { $number } 已派给督查员处理。
report-notify-in-progress = { $role ->
    [supporter] 您支持的问题
   *[reporter] 您上报的问题
} { $number } 正在处理中。
report-notify-resolved = { $role ->
    [supporter] 您支持的问题
   *[reporter] 您上报的问题
} { $number } 已处理完毕：{ $note }
    { $role ->
        [reporter] 请问问题解决了吗？
       *[supporter] 感谢您的关注！
    }
report-notify-rejected = { $role ->
    [supporter] 您支持的问题
   *[reporter] 您上报的问题
} { $number } 未被受理，原因：{ $note }
report-notify-duplicate = { $role ->
    [supporter] 您支持的问题
   *[reporter] 您上报的问题
} { $number } 与 { $original } 是同一个问题，我们会在 { $original } 中一并处理。
report-notify-closed = { $role ->
    [supporter] 您支持的问题
   *[reporter] 您上报的问题
} { $number } 已结案。谢谢您！
report-notify-reopened = { $role ->
    [supporter] 您支持的问题
   *[reporter] 您上报的问题
} { $number } 已重新打开，工作人员会继续处理。
report-answer-fixed = 👍 已解决
report-answer-not-fixed = 👎 没有解决
report-not-fixed-intro = 很抱歉 { $number } 还没有解决。请告诉我们还有什么问题。
report-not-fixed-ask = 还有什么问题？打字或发语音都可以。
report-not-fixed-photos = 可以发送现在的照片（最多 { NUMBER($max, useGrouping: 0) } 张），发完点击“完成”；没有照片请点“跳过”。
report-reopened-by-you = 已将 { $number } 退回给工作人员继续处理，我会继续通知您进展。
report-answer-stale = { $number } 的状态已经变化，您的回答没有被记录。发送 /my 查看最新状态。
report-answer-stale-alert = 这个问题的状态已经变化，按钮已失效。
report-closed-thanks = 太好了！{ $number } 已结案。请为这次处理打分：
report-rated = 谢谢您的评价：{ $stars }

## Reports: /my
my-reports-none = 您还没有上报过问题。发送 /report 上报。
my-reports-header = 您的上报（第 { NUMBER($from, useGrouping: 0) }–{ NUMBER($to, useGrouping: 0) } 条，共 { NUMBER($total, useGrouping: 0) } 条）：
my-reports-line = { $number } { $icon } { $category } · { $status } · { $date }{ $supported ->
    [yes] （我支持的）
   *[no] {""}
}
page-newer = ◀ 较新
page-older = 较早 ▶
report-status-new = 已提交
report-status-accepted = 已受理
report-status-assigned = 已派单
report-status-in-progress = 处理中
report-status-resolved = 已处理待确认
report-status-closed = 已结案
report-status-rejected = 未受理
report-status-duplicate = 重复问题
report-status-reopened = 已退回重办
report-detail-title = { $number } { $icon } { $category }
report-detail-status = 状态：{ $status }
report-detail-description = 描述：{ $description }
report-detail-hidden = （已被工作人员隐藏）
report-detail-place = 地点：{ $place }（网格：{ $area }）
report-detail-created = 上报时间：{ $date }
report-detail-deadline = 处理期限：{ $date }
report-detail-duplicate-of = 合并到：{ $number }
report-detail-supporters = 👍 另有 { NUMBER($count, useGrouping: 0) } 位居民反映了这个问题
report-detail-rating = 评价：{ $stars }
report-detail-history = 处理记录：

## Reports: /forget
forget-ask = 确定要删除您的个人数据吗？您的姓名、语言设置和支持记录会被删除；您上报的问题会匿名保留，供社区跟进。
forget-confirm = 🗑️ 确定删除
forget-keep = 不删除
forget-kept = 好的，没有删除任何数据。
forget-done = 已删除您的个人数据，{ NUMBER($reports, useGrouping: 0) } 条上报已匿名保留。以后再给我发消息，就会作为新用户开始。

## Report categories (seeded into each new community)
category-dirty-spot = 卫生死角 / 垃圾堆
category-public-toilet = 公共厕所
category-illegal-structure = 乱搭店棚 / 违规摊点
category-road-occupation = 占道经营 / 废品占道
category-pollution = 污染 / 噪音
category-other = 其他问题

## Staff: commands, menu, roles
command-tasks = 我的任务（督查员）
command-team = 工作人员名单
command-invite = 邀请工作人员：/invite staff|inspector|admin|volunteer
command-bindgroup = 在工作群里发送，绑定为本社区工作群
menu-tasks = 🧹 我的任务
menu-team = 👥 工作人员
role-volunteer = 志愿者
role-inspector = 督查员
role-staff = 社区工作人员
role-admin = 管理员
cancel-group = 已取消。

## Staff: invites and team
invite-usage = 用法：/invite staff（工作人员）、/invite inspector（督查员）、/invite admin（管理员）或 /invite volunteer（志愿者）。
invite-created = 已生成「{ $role }」邀请链接，只能使用一次，{ $expires } 前有效：
    { $link }
invite-welcome = 欢迎！您已成为「{ $community }」的{ $role }。发送 /start 查看您可以使用的功能。
invite-unknown = 这个邀请链接无效。请向管理员索取新的链接。
invite-used = 这个邀请链接已经被使用过了。请向管理员索取新的链接。
invite-expired = 这个邀请链接已过期。请向管理员索取新的链接。
invite-other-community = 您已属于另一个社区，不能接受这个邀请。请联系管理员。
team-header = 工作人员（共 { NUMBER($count, useGrouping: 0) } 人）：
team-revoke = 撤销 { $name } 的{ $role }身份
team-revoke-confirm = 确定撤销「{ $role }」身份吗？
team-revoked = 已撤销。
team-revoke-not-held = 此人已经没有这个身份了。
team-revoke-last-admin = 不能撤销最后一位管理员。
team-revoke-self = 不能撤销自己的管理员身份。
bindgroup-done = ✅ 本群已绑定为社区工作群，新的上报会发到这里。
bindgroup-elsewhere = 这个群已经绑定了另一个社区。

## Staff: report cards in the staff group
card-title = { $number } { $icon } { $category }
card-status = 状态：{ $status }
card-description = 描述：{ $description }
card-place = 地点：{ $place }（网格：{ $area }）
card-deadline = 处理期限：{ $date }
card-reporter = 上报人：{ $name } { $username }
card-reporter-anonymous = 上报人：匿名
card-supporters = 👍 另有 { NUMBER($count, useGrouping: 0) } 位居民反映
card-assignee = 处理人：{ $name }
card-last-event = 最近：{ $actor } · { $status } · { $date } { $note }
card-system = 系统
card-accept = ✅ 受理
card-assign = 👷 派单
card-reassign = 👷 改派
card-reject = ❌ 不受理
card-duplicate = 🔁 重复
card-verify = ✅ 核查通过，结案
card-reopen = ↩️ 退回重办
staff-second-verifier = { $number } 须由另一位工作人员核查，处理人本人不能结案。
staff-photo-required = 这类问题需要处理后的照片才能标记完成。请再点“处理完毕”，并发送照片。
card-back = ◀ 返回
card-assignee-responsible = ⭐ { $name }（网格负责人）

## Staff: actions and tasks
staff-note-expected = 请用文字回复。
staff-resolve-note = 请简要说明 { $number } 的处理情况（最多 500 字）：
staff-resolve-photos = 请发送处理后的照片（最多 { NUMBER($max, useGrouping: 0) } 张），然后点击“完成”；没有照片请点“跳过”。
staff-resolved = ✅ { $number } 已标记为处理完毕，已通知上报人确认。
staff-reject-reason = { $name }，请回复不受理 { $number } 的原因（会告知上报人）：
staff-rejected = { $number } 已不受理，已告知上报人原因。
staff-duplicate-ask = { $name }，{ $number } 与哪一条重复？请回复编号，例如 R-000123：
staff-duplicate-expected = 请回复一个编号，例如 R-000123。
staff-duplicate-unknown = 没有找到这个编号（或就是这一条），请重新回复。
staff-duplicated = { $number } 已标记为重复，已告知上报人。
staff-action-stale = { $number } 的状态已经变化，这个操作没有执行。
staff-assigned = 已派单：{ $number }
tasks-none = 您目前没有待处理的任务。
tasks-header = 您的任务（共 { NUMBER($count, useGrouping: 0) } 个，超期的在前）：
tasks-line = { $overdue ->
    [yes] ⏰
   *[no] •
} { $number } { $icon } { $category } · { $status } · 期限 { $deadline }
task-start = ▶️ 开始处理
task-resolve = ✅ 处理完毕
task-hand-back = ↩️ 退回
task-started = { $number } 已开始处理，已通知上报人。
task-handed-back = { $number } 已退回给社区工作人员。
task-assigned = 📌 新任务：{ $number } 已派给您。
task-open = 查看 { $number }

## Staff: audit
command-audit = 操作记录（管理员）
audit-header = 最近的工作人员操作（最新在前）：
audit-none = 还没有操作记录。

## Staff: patrol (日巡查)
command-patrol = 开始 / 结束巡查
patrol-started = 🚶 巡查开始。发现问题就拍照发给我（建议共享实时位置，我会记录路线并自动定位）。再次发送 /patrol 结束巡查。
patrol-ended = ✅ 巡查结束：{ NUMBER($minutes, useGrouping: 0) } 分钟，发现问题 { NUMBER($findings, useGrouping: 0) } 个，路线点 { NUMBER($points, useGrouping: 0) } 个。
patrol-finding-category = 这是什么问题？点一下选择类型：
patrol-finding-location = 请发送这个问题的位置（点击下面的按钮）。
patrol-finding-recorded = 📌 已记录巡查发现 { $number }，已受理并派给您。

## Staff: deadline extensions
task-extend = ⏳ 申请延期
extension-reason = 为什么 { $number } 需要延期？请简要说明：
extension-how-long = 需要延长多久？
extension-hours = +{ NUMBER($hours, useGrouping: 0) } 小时
extension-request = ⏳ { $name } 申请将 { $number } 延期 { NUMBER($hours, useGrouping: 0) } 小时（至 { $deadline }）。理由：{ $reason }
extension-approve = ✅ 同意
extension-refuse = ❌ 不同意
extension-sent = 已将 { $number } 的延期申请发给工作人员，结果会通知您。
extension-no-group = 社区还没有绑定工作群，无法提交延期申请，请直接联系工作人员。
extension-approved-group = ✅ { $name } 已同意 { $number } 延期至 { $deadline }。
extension-refused-group = ❌ { $name } 未同意 { $number } 的延期申请。
extension-approved = ✅ { $number } 的延期申请已通过，新的期限是 { $deadline }。
extension-refused = ❌ { $number } 的延期申请未通过，期限仍是 { $deadline }。

## Staff: standard replies (templates)
command-templates = 标准回复
staff-or-template = 也可以直接点选下面的标准回复：
templates-reject = 不受理的标准回复：
templates-resolve = 处理完毕的标准回复：
templates-retire = 停用：{ $text }
templates-retired = 已停用。
templates-added = 已添加。
templates-usage = 添加标准回复：/templates reject 中文 | English（或 resolve）
templates-admins-edit = 标准回复由管理员维护。
template-reject-outside = 不属于本社区管辖范围，已转交相关部门。
template-reject-unclear = 信息不足，无法核实，请补充照片和位置后重新上报。
template-reject-private = 属于私人物业内部事务，请联系物业处理。
template-resolve-cleaned = 已清理完毕。
template-resolve-removed = 已依法拆除。
template-resolve-repaired = 已维修恢复正常使用。

## Staff: areas (网格)
command-areas = 网格与负责人（管理员）
areas-header = 本社区共 { NUMBER($count, useGrouping: 0) } 个网格：
areas-no-lead = 未指定负责人
areas-set-lead = 设置「{ $area }」的负责人
areas-pick-lead = 请选择负责人：
areas-lead-set = ✅ 负责人已设置。
areas-auto-assign-on = 开启按网格自动派单
areas-auto-assign-off = 关闭按网格自动派单
areas-auto-assign-now-on = 已开启：新上报会自动派给网格负责人。
areas-auto-assign-now-off = 已关闭自动派单。
areas-import-help = 批量设置：发送 /areas 加网格文件（JSON），格式见说明文档。
areas-import-failed = 网格文件有问题，没有做任何修改：
areas-imported = ✅ 网格已导入：新增 { NUMBER($created, useGrouping: 0) } 个，更新 { NUMBER($updated, useGrouping: 0) } 个。

## Staff: moderation
command-hide = 隐藏上报中的人脸、车牌或不当内容
command-original = 查看被隐藏的原始内容（管理员）
hide-usage = 用法：/hide R-000123 description（隐藏描述）或 /hide R-000123 photos（隐藏照片）
hide-done = ✅ 已隐藏。居民和工作群不再显示，管理员仍可用 /original 查看原件。
original-usage = 用法：/original R-000123
original-description = 原始描述（{ $hidden ->
    [yes] 已隐藏
   *[no] 未隐藏
}）：{ $description }
original-photo = 照片（未隐藏）
original-photo-hidden = 照片（已隐藏）

## Staff: queue
command-queue = 待办队列（筛选、分页）
queue-header = 待处理的上报（第 { NUMBER($page, useGrouping: 0) } 页）：
queue-empty = 没有符合条件的上报。
queue-nobody = 未派单
queue-line = { $overdue ->
    [yes] ⏰
   *[no] •
} { $number } { $icon } { $category } · { $status } · { $assignee } · 期限 { $deadline }
queue-all = 全部
queue-mine = 我的
queue-unassigned = 未派单
queue-overdue = 超期
queue-by-category = 按类型
queue-by-area = 按网格

## Staff: overdue (督办)
overdue-assignee = ⏰ 督办：{ $number } 已超过处理期限（{ $due }），请尽快处理。
overdue-group = ⏰ 督办：{ $number } 已超过处理期限（{ $due }），仍未处理完毕。

## Dashboard (the staff dashboard in the browser)
command-dashboard = 在浏览器中打开工作台（一次性登录链接）
dashboard-link = 🖥 这是您登录工作台的链接：仅限本人使用，只能用一次，{ NUMBER($minutes, useGrouping: 0) } 分钟内有效（至 { $expires }）。请勿转发。
dashboard-open = 🖥 打开工作台
dashboard-refused = 工作台供社区督查员、工作人员和管理员使用。如有需要，请联系社区工作人员。
dashboard-not-set-up = 本服务器尚未设置工作台地址（缺少 PUBLIC_URL），请告知管理员。
dashboard-title = 社区工作台
dashboard-nav-reports = 问题上报
dashboard-nav-map = 地图
dashboard-map-title = 问题分布图
dashboard-map-count = 有位置的 { NUMBER($total, useGrouping: 0) } 条中已画出 { NUMBER($shown, useGrouping: 0) } 条（只写了地址的问题请在列表中查看）。
dashboard-map-cluster = 相邻的多条问题（数字为条数）
dashboard-nav-figures = 考评
dashboard-figures-title = 考评数据
dashboard-export-period = ⬇ 导出这段时间的数据（CSV）
dashboard-figure-reports = 条上报
dashboard-figure-resolved = 条已处理
dashboard-figure-in-time = 按期处理
dashboard-figure-median = 处理时长中位数（小时）
dashboard-figure-rating = 平均星级（{ NUMBER($count, useGrouping: 0) } 条评价）
chart-per-day = 每天的上报（按类型）
chart-resolve-hours = 处理时长（小时，按上报所在的周）
chart-median = 中位数
chart-p90 = 90% 分位
chart-none-filed = 这段时间没有上报。
chart-none-resolved = 这段时间上报的问题还没有处理完的。
chart-none-judged = 这段时间的上报还没有到期的。
chart-none-rated = 这段时间的上报还没有居民评价。
chart-in-time-category = 按期处理的比例（按类型）
chart-in-time-area = 按期处理的比例（按片区）
chart-in-time-assignee = 按期处理的比例（按处理人）
chart-rating-area = 居民满意度（满分 5 星，按片区）
chart-rating-assignee = 居民满意度（满分 5 星，按处理人）
chart-period = { $from } 至 { $to }
chart-daily-title = 最近 { NUMBER($days, useGrouping: 0) } 天每天的上报（按类型）
chart-daily-subtitle = { $community } · { $from } 至 { $to }
dashboard-chart-inspectors = 按处理人
dashboard-no-area = 不在任何网格内
dashboard-signed-in-as = { $name } · { $role }
dashboard-logout = 退出登录
dashboard-language = 语言
dashboard-sign-in-title = 登录社区工作台
dashboard-sign-in-as = 此链接将以 { $name } 的身份登录。
dashboard-sign-in-button = 登录
dashboard-link-unknown = 此登录链接无效。请在与机器人的私聊中发送 /dashboard 获取新链接。
dashboard-link-used = 此登录链接已经用过了，每个链接只能用一次。请向机器人发送 /dashboard 获取新链接。
dashboard-link-expired = 此登录链接已过期（链接 10 分钟内有效）。请向机器人发送 /dashboard 获取新链接。
dashboard-link-not-allowed = 您在社区中的身份已不能使用工作台。如有需要，请联系社区工作人员。
dashboard-signed-out = 您已退出登录。如需再次使用，请向机器人发送 /dashboard。
dashboard-session-none = 请先登录：在与机器人的私聊中发送 /dashboard，打开它给您的链接。
dashboard-session-expired = 您的登录已到期（每次登录有效 { NUMBER($hours, useGrouping: 0) } 小时）。请向机器人发送 /dashboard 获取新链接。
dashboard-session-revoked = 您在社区中的身份已被取消，登录随之结束。如有误，请联系社区工作人员。
dashboard-csrf = 此表单已过期或并非来自工作台，未做任何更改。请刷新页面后重试。
dashboard-not-found = 没有这条问题上报，或您无权查看。
dashboard-forbidden = 只有社区工作人员和管理员可以进行此操作，未做任何更改。
dashboard-reports-title = 问题上报
dashboard-filter-search = 搜索
dashboard-filter-search-hint = 编号（R-000123）或描述中的字词
dashboard-filter-status = 状态
dashboard-filter-status-open = 待处理（未完成）
dashboard-filter-any = 全部
dashboard-filter-category = 类型
dashboard-filter-area = 网格
dashboard-filter-assignee = 处理人
dashboard-filter-mine = 我的
dashboard-filter-unassigned = 未派单
dashboard-filter-from = 起始日期
dashboard-filter-to = 截止日期
dashboard-filter-overdue = 只看超期
dashboard-filter-sort = 排序
dashboard-sort-newest = 最新在前
dashboard-sort-oldest = 最早在前
dashboard-sort-deadline = 期限最近在前
dashboard-filter-apply = 查看
dashboard-filter-clear = 清除
dashboard-bad-filter = 以下筛选条件无法识别，已忽略：{ $fields }。
dashboard-field-q = 搜索
dashboard-field-status = 状态
dashboard-field-category = 类型
dashboard-field-area = 网格
dashboard-field-assignee = 处理人
dashboard-field-from = 起始日期
dashboard-field-to = 截止日期
dashboard-field-overdue = 超期
dashboard-field-sort = 排序
dashboard-field-page = 页码
dashboard-count = 共 { NUMBER($count, useGrouping: 0) } 条
dashboard-count-capped = 超过 { $count } 条
dashboard-export-list = ⬇ 导出这些问题（CSV）
dashboard-export-month = ⬇ 本月的问题（CSV）
dashboard-export-stats = ⬇ 本月考评数据（CSV）
dashboard-csv-yes = 是
dashboard-stats-usage = 请用两个日期给出时间段，例如 ?from=2026-04-01&to=2026-04-30（都不给则为本月）。
dashboard-col-number = 编号
dashboard-col-kind = 类型
dashboard-col-status = 状态
dashboard-col-area = 网格
dashboard-col-assignee = 处理人
dashboard-col-created = 上报时间
dashboard-col-deadline = 处理期限
dashboard-overdue = 超期
dashboard-none = 没有符合条件的问题上报。
dashboard-page = 第 { NUMBER($page, useGrouping: 0) } / { NUMBER($pages, useGrouping: 0) } 页
dashboard-page-of-many = 第 { NUMBER($page, useGrouping: 0) } 页
dashboard-page-prev = ‹ 上一页
dashboard-page-next = 下一页 ›
dashboard-back = ‹ 返回列表
dashboard-report-description = 描述
dashboard-report-no-description = （无描述）
dashboard-report-hidden = （已被工作人员隐藏）
dashboard-report-voice = 语音
dashboard-report-place = 地点
dashboard-report-reporter = 上报人
dashboard-report-anonymous = 匿名
dashboard-report-supporters = 另有反映的居民
dashboard-report-photos = 照片
dashboard-photos-report = 上报照片
dashboard-photos-resolution = 处理后
dashboard-photos-reopen = “没修好”的照片
dashboard-report-history = 处理记录
dashboard-report-actions = 操作
dashboard-action-accept = ✅ 受理
dashboard-action-assign = 👷 派单
dashboard-action-reassign = 👷 改派
dashboard-assign-to = 派给
dashboard-area-lead = （网格负责人）
dashboard-done-accept = 已受理 { $number }，工作群里的卡片也已更新。
dashboard-done-assign = 已将 { $number } 派给 { $name }，已通知对方，工作群里的卡片也已更新。
dashboard-action-reject = ❌ 不受理
dashboard-reject-template = 常用回复
dashboard-reject-own-words = （用下面自己写的理由）
dashboard-reject-reason = 理由（居民会看到）
dashboard-action-duplicate = 🔁 标为重复
dashboard-duplicate-of = 原问题的编号
dashboard-action-verify = ✅ 核查通过，结案
dashboard-action-reopen = ↩️ 退回重办
dashboard-done-reject = 已不受理 { $number }，已将理由告知居民，工作群里的卡片也已更新。
dashboard-done-duplicate = 已将 { $number } 标为重复，工作群里的卡片也已更新。
dashboard-done-verify = { $number } 已核查结案，工作群里的卡片也已更新。
dashboard-done-reopen = 已将 { $number } 退回重办，工作群里的卡片也已更新。
dashboard-reason-required = 请选择一条常用回复，或写下理由。未做任何更改。
dashboard-reason-too-long = 理由太长了（最多 { NUMBER($max, useGrouping: 0) } 个字）。未做任何更改。
dashboard-template-unknown = 这条常用回复已不再使用，请另选一条。未做任何更改。
dashboard-duplicate-unknown = 本社区没有这个编号的问题，或就是这一条本身。未做任何更改。
dashboard-second-verifier = { $number } 须由另一位工作人员核查，不能由处理人本人核查。未做任何更改。
dashboard-verify-by-resident = 这类问题由居民确认是否解决，而不是由工作人员核查。未做任何更改。
dashboard-action-stale = { $number } 的状态已变为“{ $status }”，未做任何更改。
dashboard-assignee-invalid = 此人不能处理本社区的问题上报，未做任何更改。
dashboard-hide-title = 对居民和工作群隐藏
dashboard-hide-explain = 用于人脸、车牌或辱骂内容。不会删除：管理员仍可在机器人里用 /original 查看原件。
dashboard-hide-description-confirm = 确认隐藏描述（及其语音）
dashboard-hide-description = 🙈 隐藏描述
dashboard-hide-photos-confirm = 确认隐藏全部照片
dashboard-hide-photos = 🙈 隐藏照片
dashboard-hide-confirm-missing = 请先勾选确认。未隐藏任何内容。
dashboard-done-hide-description = 已隐藏 { $number } 的描述：居民、本页面和工作群里的卡片都不再显示。
dashboard-done-hide-photos = 已隐藏 { $number } 的照片：居民和本页面不再显示。已随卡片发到工作群的照片仍在群里，如需去掉，请在群里删除那条消息。
dashboard-action-resolve = ✅ 已处理
dashboard-resolve-template = 处理情况（常用回复）
dashboard-resolve-own-words = （用下面自己写的话）
dashboard-resolve-note = 自己写（居民会看到）
dashboard-resolve-photos = 处理后照片（可不传；最多 { NUMBER($max, useGrouping: 0) } 张，JPEG、PNG 或 WebP，每张不超过 { NUMBER($mb, useGrouping: 0) } MB）
dashboard-resolve-photos-required = 处理后照片（这类问题至少要一张；最多 { NUMBER($max, useGrouping: 0) } 张，JPEG、PNG 或 WebP，每张不超过 { NUMBER($mb, useGrouping: 0) } MB）
dashboard-after-photo-caption = 📷 { $number } 的处理后照片，由工作台上传。
dashboard-done-resolve = 已将 { $number } 标为已处理，已请居民确认，工作群里的卡片也已更新。
dashboard-resolve-note-required = 请选择一条常用回复，或写下处理情况。未做任何更改。
dashboard-resolve-photo-required = 这类问题至少要有一张处理后照片才能标为已处理。未做任何更改。
dashboard-resolve-forbidden = 只有工作人员、管理员或 { $number } 的处理人可以将其标为已处理。未做任何更改。
dashboard-photos-too-many = 处理后照片最多 { NUMBER($max, useGrouping: 0) } 张。未做任何更改。
dashboard-photo-too-large = “{ $name }”超过了 { NUMBER($mb, useGrouping: 0) } MB。未做任何更改。
dashboard-photo-not-image = “{ $name }”不是 JPEG、PNG 或 WebP 照片。未做任何更改。
dashboard-photo-upload-failed = 处理后照片暂时无法发到 Telegram，未做任何更改。请确认您没有屏蔽机器人，然后重试。
dashboard-upload-too-large = 提交的内容超出了允许的大小。未做任何更改。

## Sandbox
sandbox-page-title = 社区服务助手 · 本地沙盒
sandbox-banner = 本地沙盒：机器人真实运行，但消息不会发到 Telegram。
sandbox-persona = 我的身份
sandbox-role-resident = 居民
sandbox-role-volunteer = 志愿者
sandbox-role-inspector = 督查员
sandbox-role-staff = 工作人员
sandbox-role-admin = 管理员
sandbox-chat-private = 私聊
sandbox-language = 页面语言
sandbox-menu = 更多
sandbox-new-persona = ➕ 新建身份
sandbox-new-persona-name = 名字
sandbox-new-persona-role = 身份
sandbox-new-persona-language = Telegram 语言
sandbox-new-persona-create = 创建
sandbox-persona-default-name = 新{ $role }{ $number }
sandbox-persona-language-zh = 中文
sandbox-persona-language-en = 英文
sandbox-seed = 🌱 填充演示数据
sandbox-seed-running = 正在填充演示数据…
sandbox-seed-done = 演示数据已就绪：{ $areas } 个网格、{ $personas } 个身份、{ $reports } 条上报。
sandbox-cancel = 取消
sandbox-close = 关闭
sandbox-ok = 好的
sandbox-input-placeholder = 输入消息…
sandbox-send = 发送
sandbox-start = 开始
sandbox-empty-chat = 还没有消息。点下面的“开始”和机器人打个招呼吧。
sandbox-empty-group = 群里还没有消息。
sandbox-attach = 附件
sandbox-attach-photo = 📷 照片
sandbox-attach-voice = 🎤 语音文件
sandbox-attach-location = 📍 位置
sandbox-attach-contact = 👤 我的手机号
sandbox-commands = 命令
sandbox-commands-none = 机器人还没有设置命令菜单。
sandbox-location-title = 选择位置
sandbox-location-hint = 在方框里点一下选择地点，或直接输入经纬度。圆圈是社区的网格。
sandbox-latitude = 纬度
sandbox-longitude = 经度
sandbox-location-send = 发送位置
sandbox-location-invalid = 请输入有效的经纬度。
sandbox-location = 位置
sandbox-typing = 正在输入…
sandbox-edited = 已编辑
sandbox-voice = 语音消息
sandbox-open-file = 打开文件
sandbox-joined = { $names } 加入了群聊
sandbox-left = { $name } 离开了群聊
sandbox-button-unsupported = 沙盒里不能使用这个按钮。
sandbox-error = 出错了，请再试一次。
sandbox-reconnecting = 连接断开，正在重新连接…
sandbox-sending = 正在发送…
sandbox-location-live = 📡 共享实时位置
sandbox-live-device = 跟随本机定位（否则从所选地点沿路线模拟步行）
sandbox-live-sharing = 📡 正在共享实时位置 · 已更新 { $count } 次
sandbox-live-simulated = 模拟步行
sandbox-live-from-device = 本机定位
sandbox-live-stop = 停止共享
sandbox-live-ended = 已停止共享实时位置。
sandbox-live-location = 实时位置
sandbox-live-fallback = 这里无法使用本机定位，改为模拟步行。
sandbox-staff-group-title = 社区工作群
sandbox-bot-name = 社区服务助手
sandbox-chats = 聊天

## Broadcasts
command-broadcast = 群发通知
command-broadcasts = 查看群发记录
broadcast-ask-audience = 发给谁？
broadcast-audience-all = 👥 全体居民
broadcast-audience-volunteers = 🙋 志愿者
broadcast-audience-team = 🧹 督查员和工作人员
broadcast-audience-area = 📍 某个网格的居民
broadcast-audience-topic = 主题订阅者
broadcast-audience-event = 活动参加者
broadcast-audience-list = 📋 专项通知
broadcast-ask-area = 哪个网格？（按居民最近一次上报所在的网格）
broadcast-no-areas = 还没有设置网格。请选择其他对象。
broadcast-audience-empty = 这个范围内没有可以接收的人，不会发送任何消息。
broadcast-ask-message = 请发送通知内容：一段文字（可带格式，最多 { NUMBER($textMax, useGrouping: 0) } 字），或一张图片加说明（说明最多 { NUMBER($captionMax, useGrouping: 0) } 字）。
broadcast-message-expected = 请发送文字，或一张图片。
broadcast-empty = 通知内容不能为空，请重新发送。
broadcast-text-too-long = 文字太长：最多 { NUMBER($max, useGrouping: 0) } 字，现在是 { NUMBER($length, useGrouping: 0) } 字。请缩短后重新发送。
broadcast-caption-too-long = 图片说明太长：最多 { NUMBER($max, useGrouping: 0) } 字，现在是 { NUMBER($length, useGrouping: 0) } 字。请缩短后重新发送。
broadcast-preview-intro = 预览：收到的人看到的就是下面这条消息（标题是各自的语言）。
broadcast-preview-summary = 将发给 { NUMBER($count, useGrouping: 0) } 人（{ $audience }）。{ $urgent }
broadcast-urgent-on = ⚠️ 紧急：夜间免打扰时段也会发送。
broadcast-urgent-off = 夜间免打扰时段（21:00–08:00）暂停发送，早上自动继续。
broadcast-button-now = ✅ 立即发送
broadcast-button-schedule = 🕒 定时发送
broadcast-button-urgent-on = ⚠️ 标为紧急
broadcast-button-urgent-off = 取消紧急
broadcast-ask-time = 请输入发送时间，格式 YYYY-MM-DD HH:mm（{ $timezone } 时间），例如 { $example }。
broadcast-time-format = 时间格式不对，请按 YYYY-MM-DD HH:mm 输入，例如 { $example }。
broadcast-time-past = 这个时间已经过去了，请输入将来的时间。
broadcast-time-too-far = 最多只能提前 { NUMBER($days, useGrouping: 0) } 天定时，请输入更近的时间。
broadcast-queued = 已开始发送（#{ NUMBER($id, useGrouping: 0) }），进度会显示在下面。
broadcast-scheduled = 已定时（#{ NUMBER($id, useGrouping: 0) }）：{ $time } 发送。用 /broadcasts 查看或取消。
broadcast-draft-cancelled = 已取消，没有发送任何消息。
broadcast-progress = 📣 群发 #{ NUMBER($id, useGrouping: 0) }：已发送 { NUMBER($sent, useGrouping: 0) }，失败 { NUMBER($failed, useGrouping: 0) }，剩余 { NUMBER($left, useGrouping: 0) }（共 { NUMBER($total, useGrouping: 0) }）。速度 { $rate } 条/秒，预计还需 { NUMBER($minutes, useGrouping: 0) } 分 { NUMBER($seconds, useGrouping: 0) } 秒。
broadcast-quiet-paused = 🌙 夜间免打扰，暂停发送，{ $time } 自动继续。
broadcast-button-stop = ⛔ 停止发送
broadcast-heading = 📢 社区通知 · { $community }（{ $role }）
broadcast-summary-done = ✅ 群发 #{ NUMBER($id, useGrouping: 0) } 已完成：发送成功 { NUMBER($sent, useGrouping: 0) }，失败 { NUMBER($failed, useGrouping: 0) }，跳过 { NUMBER($skipped, useGrouping: 0) }（共 { NUMBER($total, useGrouping: 0) }）。
broadcast-summary-cancelled = ⛔ 群发 #{ NUMBER($id, useGrouping: 0) } 已停止：发送成功 { NUMBER($sent, useGrouping: 0) }，失败 { NUMBER($failed, useGrouping: 0) }，跳过 { NUMBER($skipped, useGrouping: 0) }（共 { NUMBER($total, useGrouping: 0) }）。
broadcast-summary-nobody = 群发 #{ NUMBER($id, useGrouping: 0) }：开始时范围内已没有可以接收的人，没有发送任何消息。
broadcast-reason-line = • { $reason }：{ NUMBER($count, useGrouping: 0) }
broadcast-reason-blocked = 已屏蔽机器人
broadcast-reason-unreachable = 此前已联系不上
broadcast-reason-bad-request = 被 Telegram 拒绝
broadcast-reason-network = 网络故障
broadcast-reason-server-error = Telegram 服务故障
broadcast-reason-cancelled = 已停止，未发送
broadcast-stopping = 正在停止……
broadcast-stop-finished = 这条群发已经结束了。
broadcasts-none = 还没有群发记录。
broadcasts-header = 最近的群发（{ NUMBER($count, useGrouping: 0) } 条）：
broadcasts-line = #{ NUMBER($id, useGrouping: 0) } { $status } { $time } · { $audience } · 成功 { NUMBER($sent, useGrouping: 0) } / 失败 { NUMBER($failed, useGrouping: 0) } / 跳过 { NUMBER($skipped, useGrouping: 0) } / 剩余 { NUMBER($left, useGrouping: 0) } · { $preview }
broadcasts-cancel = 取消 #{ NUMBER($id, useGrouping: 0) }
broadcast-status-scheduled = 🕒 定时
broadcast-status-sending = 📤 发送中
broadcast-status-done = ✅ 已完成
broadcast-status-cancelled = ⛔ 已停止

## Evaluation
command-daily = 日汇报：/daily 或 /daily 2026-05-01
command-stats = 考评统计：/stats week|month|quarter 或两个日期
daily-bad-date = 日期格式不对。请这样写：/daily 2026-05-01（年-月-日），不写日期就是今天。
daily-future = 还没到这一天，没有汇报。今天是 { $today }，请选今天或以前的日期。
daily-title = 📋 { $community } 日汇报 · { $day }
daily-whole-day = （全天）
daily-as-of = （截至 { $time }）
daily-totals = 上报：新增 { NUMBER($new, useGrouping: 0) } · 已处理 { NUMBER($resolved, useGrouping: 0) } · 已结案 { NUMBER($closed, useGrouping: 0) } · 重新打开 { NUMBER($reopened, useGrouping: 0) } · 超期未办 { NUMBER($overdue, useGrouping: 0) }
daily-by-category = 按类别：
daily-by-area = 按网格：
daily-no-area = 未划入网格
daily-group-line = • { $name }：新增 { NUMBER($new, useGrouping: 0) } · 处理 { NUMBER($resolved, useGrouping: 0) } · 结案 { NUMBER($closed, useGrouping: 0) } · 重开 { NUMBER($reopened, useGrouping: 0) } · 超期 { NUMBER($overdue, useGrouping: 0) }
daily-patrols-none = 巡查：今天没有巡查记录。
daily-patrols = 巡查：{ NUMBER($count, useGrouping: 0) } 次，共 { NUMBER($minutes, useGrouping: 0) } 分钟，发现问题 { NUMBER($findings, useGrouping: 0) } 个
daily-patrol-line = • { $name } { $start }–{ $end }（{ NUMBER($minutes, useGrouping: 0) } 分钟），发现 { NUMBER($findings, useGrouping: 0) } 个
daily-unknown-inspector = （已注销的督查员）
daily-patrol-ongoing = 进行中
daily-ratings-none = 居民满意度：今天没有新评价。
daily-ratings = 居民满意度：{ NUMBER($ratings, useGrouping: 0) } 条评价，平均 { $average } 星
stats-usage = 用法：/stats（本月）、/stats week（本周）、/stats month（本月）、/stats quarter（本季度），或 /stats 2026-04-01 2026-04-30（起止日期，含当天）。
stats-bad-date = 日期不存在，请检查后再发，例如：/stats 2026-04-01 2026-04-30
stats-reversed = 开始日期晚于结束日期，请把早的日期写在前面。
stats-future = 开始日期还没到，请选今天或以前的日期。
stats-too-long = 时间段太长：最多 { NUMBER($max, useGrouping: 0) } 天，请分段查询。
stats-title = 📊 考评统计 · { $from } 至 { $to }
stats-empty = 这段时间没有上报。
stats-reports = 上报 { NUMBER($reports, useGrouping: 0) } 件，已处理 { NUMBER($resolved, useGrouping: 0) } 件
stats-resolve-time = 处理用时：中位数 { $median } 小时，90% 在 { $p90 } 小时内
stats-resolve-time-none = 处理用时：还没有已处理的上报
stats-ontime = 按期处理率：{ $share }（{ NUMBER($met, useGrouping: 0) }/{ NUMBER($judged, useGrouping: 0) }）
stats-reopen = 重新打开率：{ $share }（{ NUMBER($reopened, useGrouping: 0) }/{ NUMBER($reports, useGrouping: 0) }）
stats-rating = 居民评价：{ NUMBER($count, useGrouping: 0) } 条，平均 { $average } 星
stats-rating-none = 居民评价：暂无
stats-by-category = 按类别：
stats-by-area = 按网格：
stats-group-line = • { $name }：{ NUMBER($reports, useGrouping: 0) } 件，已处理 { NUMBER($resolved, useGrouping: 0) }，按期 { $ontime }，重开 { $reopen }，评分 { $rating }
stats-more = …另有 { NUMBER($count, useGrouping: 0) } 项，见 CSV 文件
stats-inspectors = 处理人：
stats-inspector-line = • { $name }：分派 { NUMBER($assigned, useGrouping: 0) } 件，处理 { NUMBER($resolved, useGrouping: 0) } 件
stats-csv-note = 📎 明细见下面的 CSV 文件（可用 Excel 打开）。
stats-csv-section = 分组
stats-csv-name = 名称
stats-csv-reports = 上报数
stats-csv-resolved = 已处理
stats-csv-judged = 应按期数
stats-csv-met = 按期处理数
stats-csv-ontime = 按期处理率(%)
stats-csv-reopened = 重新打开数
stats-csv-reopen-rate = 重新打开率(%)
stats-csv-ratings = 评价数
stats-csv-rating = 平均星级
stats-csv-median = 处理用时中位数(小时)
stats-csv-p90 = 处理用时90分位(小时)
stats-csv-assigned = 分派数
stats-csv-total = 合计
stats-csv-category = 类别
stats-csv-area = 网格
stats-csv-inspector = 处理人

# reports (newcomer fixes)
report-photo-kept = 📷 照片已保存（目前 { NUMBER($count, useGrouping: 0) } 张，最多 { NUMBER($max, useGrouping: 0) } 张）。现在请说说是什么问题：打字或发语音都可以。
report-photos-full-describe = 您已经发了 { NUMBER($max, useGrouping: 0) } 张照片，这是能保存的上限，这一张没有保存。现在请说说是什么问题：打字或发语音都可以。
report-ask-photos-have = 第 3 步：已经收到您的 { NUMBER($count, useGrouping: 0) } 张照片。还可以再发（一共最多 { NUMBER($max, useGrouping: 0) } 张），发完后点击“完成”。
report-edit-back = ↩️ 返回核对
report-support-own = { $number } 是您自己上报的，不用再给它加一票。我们把这次按新问题继续。
report-support-finished = { $number } 已经不在处理中了（已处理完毕），我们把您这次按新问题继续。
report-support-gone = 找不到 { $number } 了，我们把您这次按新问题继续。
report-support-already = 您已经支持过 { $number }，它的处理进展我会继续通知您。

# staff (newcomer fixes)
access-denied-admins = 抱歉，这项操作只有社区管理员可以进行。如需办理，请联系管理员。
button-stale-group = 这个按钮已经失效了，没有进行任何操作。
bindgroup-in-private = 请在工作群里发送 /bindgroup（先把我拉进群），之后新的上报就会发到那个群里。
cancel-group-not-yours = 只有被提问的人才能取消这个问题。
staff-note-waiting = 请先回答上面关于 { $number } 的问题，或者取消它（点问题下面的“取消”，或发送 /cancel）。
audit-entry = • { $date } { $sentence }
audit-former-member = 一位已注销的成员
audit-with-note = { $sentence }说明：{ $note }
audit-report = { $status ->
    [accepted] { $actor } 受理了 { $report }。
    [assigned] { $actor } 把 { $report } 派给了处理人。
    [in_progress] { $actor } 开始处理 { $report }。
    [resolved] { $actor } 将 { $report } 标为处理完毕。
    [closed] { $actor } 将 { $report } 结案。
    [rejected] { $actor } 不受理 { $report }。
    [duplicate] { $actor } 将 { $report } 标为重复上报。
    [reopened] { $actor } 重新打开了 { $report }。
   *[other] { $actor } 将 { $report } 改为“{ $status }”。
}
audit-dashboard-sign-in = { $actor } 登录了社区工作台。
audit-group-bind = { $actor } 将一个群绑定为社区工作群。
audit-invite-create = { $actor } 生成了“{ $role }”身份的邀请链接。
audit-invite-redeem = { $actor } 通过邀请链接成为{ $role }。
audit-role-revoke = { $actor } 撤销了 { $member } 的“{ $role }”身份。
audit-template-add = { $actor } 新增了标准回复：{ $text }
audit-template-retire = { $actor } 停用了标准回复：{ $text }
audit-hide = { $actor } 隐藏了 { $report } 的{ $what ->
    [photos] 照片
   *[description] 描述
}。
audit-areas-import = { $actor } 导入了网格文件：新增 { $created } 个，更新 { $updated } 个。
audit-area-lead = { $actor } 将网格“{ $area }”的负责人设为：{ $lead }。
audit-auto-assign = { $actor } { $on ->
    [yes] 开启
   *[no] 关闭
}了按网格自动派单。
audit-deadline = { $approved ->
    [yes] { $actor } 同意 { $report } 延期至 { $deadline }。
   *[no] { $actor } 不同意 { $report } 延期，期限仍为 { $deadline }。
}申请理由：{ $reason }
audit-user-forget = 一位成员应本人要求删除了个人资料，{ $entries } 条记录已不再显示其身份。
audit-other = { $actor }：{ $action } { $subject }
# events (volunteers' duties and lectures' audiences)
command-events = 可报名的活动
command-myevents = 我的报名
command-checkin = 用签到码签到
command-hours = 我的志愿时长
menu-events = 🥁 活动与值班
events-none = 目前没有可以报名的活动。有新活动时会通知您。
events-mine = 📋 我的报名
events-card = 📅 { $title }
    🕒 { $time }–{ $end }
    📍 { $place }
events-slot-line = • { $slot }：{ $left ->
    [-1] 不限人数
    [0] 已满
   *[other] 剩 { NUMBER($left, useGrouping: 0) } 个名额
  }{ $waiting ->
    [0] {""}
   *[other] ，{ NUMBER($waiting, useGrouping: 0) } 人候补
  }
events-join = ✋ { $slot }{ $left ->
    [-1] {""}
    [0] （已满，排候补）
   *[other] （剩 { NUMBER($left, useGrouping: 0) } 个）
  }
events-you-are = 您{ $status ->
    [confirmed] 已报名。
    [waitlisted] 在候补名单上。
    [offered] 有空出的名额，请到 /myevents 确认。
    [attended] 已签到。
   *[other] 已报名。
  }
events-joined = ✅ 报名成功。活动开始前{ $when }会提醒您。
events-joined-no-reminders = ✅ 报名成功。
events-remind-hours = { NUMBER($hours, useGrouping: 0) }小时
events-remind-minutes = { NUMBER($minutes, useGrouping: 0) }分钟
events-waitlisted = 这个岗位已满，您是候补第 { NUMBER($position, useGrouping: 0) } 位。有人退出时会优先通知您。
events-leave = 取消报名
events-left = 已取消报名。谢谢告知，名额会让给下一位。
events-refused-gone = 这个报名或活动已经不存在了。
events-refused-cancelled = 这个活动已取消。
events-refused-deadline = 这个活动的报名已截止。
events-refused-twice = 您已经报名了这个活动（见 /myevents）。
events-refused-not-allowed = 这项值班只对志愿者开放。想加入志愿者，请联系社区办公室。
events-refused-offer-expired = 抱歉，确认时间已过，名额已让给下一位。
events-refused-started = 活动已经开始，不能再取消报名了。如果来不了，请告诉组织者。
events-offer = 🎉 { $title }（{ $time }，{ $place }）空出了一个名额，您要吗？请在 { $until } 前答复。
events-offer-take = ✅ 我要这个名额
events-offer-decline = 不用了，谢谢
events-offer-taken = ✅ 名额是您的了。活动前会提醒您。
events-offer-declined = 好的，名额让给下一位。
events-reminder = ⏰ 提醒：{ $title } 还有 { NUMBER($hours, useGrouping: 0) } 小时开始：{ $time }，{ $place }。
events-lecture-reminder = ⏰ 提醒：讲座「{ $title }」{ $hours ->
    [0] 还有 { NUMBER($minutes, useGrouping: 0) } 分钟开始
    [24] 明天举行
   *[other] 还有 { NUMBER($hours, useGrouping: 0) } 小时开始
  }：{ $time }，{ $place }。您的签到码：{ $code }，到场时出示。来不了请点下方按钮，座位会让给候补的居民。
events-reminder-minutes = ⏰ 提醒：{ $title } 还有 { NUMBER($minutes, useGrouping: 0) } 分钟开始：{ $time }，{ $place }。
events-cant-come = 我来不了
events-slot-any = 参加
events-calendar = 📅 打开这个文件，可把活动加入手机日历。
events-mine-header = 📋 您的报名：
events-mine-none = 您还没有报名近期的活动。看看 /events 吧。
events-mine-line = { NUMBER($n, useGrouping: 0) }. { $title }：{ $time }，{ $place }（{ $slot }）：{ $status ->
    [confirmed] 已报名
    [waitlisted] 候补第 { NUMBER($position, useGrouping: 0) } 位
    [offered] 有名额待您确认
    [attended] 已签到
    [no_show] 记为缺席
   *[other] { $status }
  }
events-checkin-ask = 请发送活动现场出示的签到码，例如：/checkin ABC234
events-checkin-done = ✅ 已在「{ $title }」签到。谢谢您来参加！
events-checkin-again = 您已经在「{ $title }」签到过了。
events-checkin-wrong-code = 这个签到码不对应任何活动，请核对后再试。
events-checkin-not-signed-up = 您没有报名这个活动，无法签到。请联系组织者。
events-checkin-waitlisted = 您在这个活动的候补名单上，还没有名额，所以无法签到。如果已经到场，请联系组织者。
events-checkin-too-early = 活动开始前 30 分钟开放签到，请到时再试。
events-checkin-over = 活动已结束，签到已关闭。请联系组织者为您登记。
events-hours = ⏱ 您的志愿时长：本月 { $month } 小时，今年 { $year } 小时，累计 { $all } 小时（共 { NUMBER($events, useGrouping: 0) } 次活动）。

# volunteers
command-volunteer = 申请成为志愿者
command-profile = 我的志愿者资料
command-teams = 志愿者队伍与加入
command-myteam = 我带的队伍成员（队长）
command-team-new = 新建队伍：/team_new 队名
menu-volunteer = 🙋 成为志愿者
volunteers-no-community = 请先用 /start 选择您所在的社区。
volunteers-already = 您已经是志愿者了，请看 /profile。
volunteers-already-pending = 您的申请已交给社区工作人员，请耐心等待答复。
volunteers-intro = 🙋 感谢您愿意出一份力！只有四个简短的问题，随时可以发 /cancel 退出。
volunteers-edit-intro = ✏️ 我们来更新您的资料。发 /cancel 则保持不变。
volunteers-ask-name = 1/4 您希望其他志愿者看到的称呼是？（最多 { NUMBER($max, useGrouping: 0) } 个字；点下面的按钮可用您的 Telegram 名字）
volunteers-name-too-long = 这个称呼太长了，请发不超过 { NUMBER($max, useGrouping: 0) } 个字的称呼。
volunteers-name-empty = 请用文字发送您的称呼。
volunteers-ask-interests = 2/4 您愿意参加哪些志愿服务？点选（可多选），选好后点“完成”。
volunteers-ask-times = 3/4 您通常什么时候有空？点选后点“完成”。
volunteers-time-weekday_morning = 工作日上午
volunteers-time-weekday_evening = 工作日晚上
volunteers-time-weekend = 周末
volunteers-done = ✔️ 完成
volunteers-ask-phone = 4/4 方便留个电话吗？点下面的“分享我的手机号”（只有工作人员能看到），也可以点“跳过”。
volunteers-phone-share = 📱 分享我的手机号
volunteers-phone-skip = 跳过
volunteers-phone-not-yours = 这是别人的名片。请用按钮分享您本人的号码，或点“跳过”。
volunteers-phone-reask = 请用下面的按钮：分享您本人的号码，或点“跳过”。
volunteers-applied = ✅ 谢谢您！申请已交给社区工作人员，结果会在这里通知您。
volunteers-profile-saved = ✅ 资料已保存，请看 /profile。
volunteers-approved = 🎉 欢迎加入志愿者队伍！社区工作人员已通过您的申请。可报名的岗位见 /events，队伍见 /teams。
volunteers-declined = 感谢您愿意帮忙。社区工作人员这次未能通过您的申请，如想了解原因，欢迎联系他们。
volunteers-card = 🙋 志愿者申请 { NUMBER($id, useGrouping: 0) } 号
    称呼：{ $name }
    Telegram：{ $realName }
    电话：{ $phone }
    意向：{ $interests }
    有空：{ $times }
volunteers-card-decided = { $status ->
    [approved] ✅ 已由 { $by } 通过
    [declined] ❌ 已由 { $by } 婉拒
   *[other] 申请人已撤回
  }
volunteers-approve = ✅ 通过
volunteers-decline = ❌ 婉拒
volunteers-decided-already = 这件事已经处理过了，没有做任何改动。
volunteers-none = —
volunteers-profile = 🙋 您的志愿者资料
    称呼：{ $name }
    意向：{ $interests }
    有空：{ $times }
    电话（仅工作人员可见）：{ $phone }
volunteers-profile-empty = 您已经是志愿者，但还没有填写资料。填一下，工作人员就知道您愿意做什么了。
volunteers-edit = ✏️ 修改
volunteers-fill-in = ✏️ 填写资料
volunteers-step-down = 退出志愿者
volunteers-step-down-ask = 确定要退出志愿者吗？您也会同时退出所在的队伍。
volunteers-step-down-yes = 确定退出
volunteers-step-down-no = 不退出
volunteers-stepped-down = 您已不再是志愿者。感谢您的付出！随时可以用 /volunteer 重新申请。
volunteers-step-down-kept = 好的，您仍是志愿者。
volunteers-not-volunteer = 您目前不是志愿者，没有做任何改动。
teams-header = 👥 志愿者队伍：
teams-line = • { $team }：队长 { $leader }，{ NUMBER($members, useGrouping: 0) } 名队员{ $mine ->
    [approved] （您是队员）
    [pending] （您的申请待审）
    [leader] （您是队长）
   *[other] {""}
  }
teams-none = 还没有志愿者队伍。
teams-join = ➕ 加入{ $team }
teams-set-leader = 👤 设置{ $team }队长
teams-already = 您已在这个队伍中，或已申请加入。
teams-asked-leader = ✅ 申请已发给队长。
teams-asked-staff = ✅ 申请已发给社区工作人员。
teams-request = 👥 { $name } 申请加入{ $team }。
teams-request-approved = ✅ { $name } 已加入{ $team }（{ $by } 通过）。
teams-request-declined = ❌ 未同意 { $name } 加入{ $team }（{ $by } 婉拒）。
teams-approved = 🎉 您已成为{ $team }的队员。
teams-declined = 您加入{ $team }的申请这次未获通过。
teams-not-yours = 只有队长或社区工作人员可以处理。
teams-name-ask = 请给队伍起个名字，例如：/team_new 腰鼓队
teams-name-too-long = 队名太长了，请不超过 30 个字。
teams-name-taken = 已经有同名的队伍了。
teams-created = ✅ 已建立队伍：{ $name }。
teams-ask-leader = 由谁担任队长？请选择一位志愿者：
teams-no-candidates = 还没有志愿者可担任队长，稍后可在 /teams 中设置。
teams-leader-set = ✅ 队长已设置。
teams-not-leader = 您还没有带领的队伍，请看 /teams。
teams-roster-header = 👥 { $team }：{ NUMBER($count, useGrouping: 0) } 名队员
teams-member = { NUMBER($n, useGrouping: 0) }. { $name }
teams-member-staff = { NUMBER($n, useGrouping: 0) }. { $name }（{ $realName }，{ $phone }）
# events (organisers)
command-newevent = 创建活动（组织者）
command-roster = 我组织的活动：名单、签到、变更
events-kind = { $kind ->
    [rehearsal] 排练
    [performance] 演出
    [lecture_duty] 讲座值班
    [cleanup] 环境整治
    [lecture] 讲座
   *[other] 其他
  }
events-cancelled-notice = 🚫 { $title }（{ $time }，{ $place }）已取消。给您带来不便，敬请谅解，感谢您的报名。
events-moved-notice = 🕒 { $title } 时间有变：改为 { $time } 开始，{ $end } 结束，地点 { $place }（原定 { $was }）。如果来不了，请在 /myevents 里取消报名。
newevent-ask-title = 🆕 创建新活动。活动叫什么名字？例如：腰鼓队排练
newevent-title-expected = 请输入活动名称。
newevent-ask-kind = 这是什么类型的活动？
newevent-ask-start = 什么时候开始？请按这个格式写日期和时间：{ $example }（{ $timezone } 时间）。
newevent-start-expected = 请输入开始的日期和时间，例如：2026-12-10 19:00
newevent-start-format = 没能看懂这个日期和时间。请按这个格式写：{ $example }
newevent-start-past = 这个时间已经过去了，请填写将来的时间。
newevent-start-too-far = 时间太远了，请填写 { NUMBER($days, useGrouping: 0) } 天以内的时间。
newevent-ask-end = 活动持续多久？点按钮，或输入时长（如 90分钟、2小时），或结束时间（如 21:00）。
newevent-hours = { $hours } 小时
newevent-end-format = 没能看懂。请输入时长，如 2小时、90分钟，或结束时间，如 21:00。
newevent-end-before-start = 结束时间必须晚于开始时间（{ $start }）。请输入时长或更晚的结束时间。
newevent-end-too-long = 一个活动最长 { NUMBER($hours, useGrouping: 0) } 小时。更长的活动请按天分别创建。
newevent-ask-place = 在哪里举行？请输入地点（例如：文化广场），或通过 📎 → 位置 发送一个位置。
newevent-place-expected = 请输入地点，或发送一个位置。
newevent-location-noted = 📍 位置已记下。请再输入地点名称，方便大家知道去哪里。
newevent-ask-slots = 需要哪些岗位，各几人？请写在一行里，例如：鼓手 12, 引导 3。只写岗位不写人数表示不限人数。也可以点“不限人数”，大家一起报名。
newevent-no-limit = 不限人数
newevent-slots-expected = 请写岗位和人数，例如：鼓手 12, 引导 3，或点“不限人数”。
newevent-slots-format = 没能看懂“{ $name }”。请写岗位和人数，例如：鼓手 12, 引导 3。
newevent-slots-too-many = 岗位超过 { NUMBER($max, useGrouping: 0) } 个了，请合并一些。
newevent-slots-bad-capacity = “{ $name }”的人数必须在 1 到 { NUMBER($max, useGrouping: 0) } 之间。
newevent-slots-name-too-long = 岗位名称“{ $name }”太长了，请控制在 { NUMBER($max, useGrouping: 0) } 个字以内。
newevent-slots-duplicate = “{ $name }”写了两次，每个岗位只写一次。
newevent-ask-audience = 谁可以报名？
newevent-audience = { $audience ->
    [everyone] 所有人
   *[volunteers] 志愿者
  }
newevent-audience-team = 仅{ $team }成员
newevent-ask-repeat = 是每周的排练吗？请选择连续几周，或输入周数（最多 { NUMBER($max, useGrouping: 0) } 周）。
newevent-repeat = { $weeks ->
    [1] 只这一次
   *[other] { NUMBER($weeks, useGrouping: 0) } 周
  }
newevent-repeat-format = 请点按钮，或输入 1 到 { NUMBER($max, useGrouping: 0) } 之间的周数。
newevent-repeat-expected = 请点按钮，或输入周数。
newevent-summary = 请核对新活动：
    📌 { $title }（{ $kind }）
    🕒 { $time }–{ $end }
    📍 { $place }{ $located ->
        [yes] （已附位置）
       *[no] {""}
    }
    🙋 可报名：{ $audience }{ $weeks ->
        [1] {""}
       *[other] {"\u000A"}🔁 每周一次，共 { NUMBER($weeks, useGrouping: 0) } 次
    }
    👥 岗位：
newevent-slot-line = • { $slot }：{ $capacity ->
    [-1] 不限人数
   *[other] { NUMBER($capacity, useGrouping: 0) } 人
  }
newevent-everyone-slot = 所有人
newevent-create = ✅ 创建
newevent-not-saved = 抱歉，活动没能保存，什么也没有创建。请重新发送 /newevent。
newevent-created = ✅ 已创建：{ $title }。{ $count ->
    [1] 签到码：{ $code }
   *[other] 共 { NUMBER($count, useGrouping: 0) } 次每周活动，每次有各自的签到码：
  }
newevent-created-line = { NUMBER($n, useGrouping: 0) }. { $time } · 签到码 { $code }
newevent-qr-caption = { $title }（{ $time }）签到二维码。请在现场出示：扫码后点“开始”即可签到，也可以发送 /checkin { $code }。链接：{ $link }
roster-none = 今天和之后都没有活动。可以用 /newevent 创建。
roster-pick = 📋 今天及之后的活动。要看哪个活动的名单？
roster-event-button = { $time } { $title }
roster-header = 📋 { $title }
    🕒 { $time }–{ $end } · 📍 { $place }
    签到码：{ $code }
roster-is-cancelled = 🚫 这个活动已取消。
roster-slot = { $slot }（{ NUMBER($taken, useGrouping: 0) }{ $capacity ->
    [-1] ，不限人数
   *[other] /{ NUMBER($capacity, useGrouping: 0) }
  }）：
roster-slot-empty = （还没有人报名）
roster-person = { $status ->
    [attended] ✅ { $name }：已到
    [no_show] ❌ { $name }：缺席
    [offered] 🎟 { $name }：有名额待确认
    [waitlisted] ⏳ { $name }：候补第 { NUMBER($position, useGrouping: 0) } 位
   *[confirmed] ▫️ { $name }：已报名
  }
roster-mark-present = ✅ { $name }
roster-mark-absent = ❌ { $name }
roster-marked = { $status ->
    [attended] 已记为到场。
   *[no_show] 已记为缺席。
  }
roster-marked-already = { $status ->
    [attended] 已经记为到场了。
   *[no_show] 已经记为缺席了。
  }
roster-mark-too-early = 活动开始前 30 分钟起才能登记到场或缺席。
roster-mark-not-seated = 只有已占名额的人才能登记到场或缺席。
roster-button-time = 🕒 改时间
roster-button-seats = 👥 改名额
roster-button-qr = 🔳 签到二维码
roster-button-cancel = 🚫 取消活动
roster-button-back = ⬅️ 全部活动
roster-cancel-ask = 确定取消 { $title }（{ $time }，{ $place }）吗？{ $count ->
    [0] 目前还没有人报名。
   *[other] 已报名的 { NUMBER($count, useGrouping: 0) } 人会收到通知。
  }
roster-cancel-yes = 确定，取消活动
roster-cancel-no = 不取消
roster-cancel-kept = 活动保持不变。
roster-cancel-done = 🚫 { $title } 已取消。{ $count ->
    [0] 没有人报名。
   *[other] 正在通知已报名的 { NUMBER($count, useGrouping: 0) } 人。
  }
roster-refused-gone = 这个活动已不存在，或不属于您的社区。
roster-refused-cancelled = 这个活动已取消。
roster-refused-over = 这个活动已结束，不能再修改。
roster-seats-pick = 要修改哪个岗位的名额？
roster-seats-ask = { $slot } 要几个名额？目前：{ $capacity ->
    [-1] 不限人数
   *[other] { NUMBER($capacity, useGrouping: 0) } 个
  }，已占 { NUMBER($taken, useGrouping: 0) } 个。请输入新的人数，或点“不限人数”。
roster-seats-format = 请输入 1 到 { NUMBER($max, useGrouping: 0) } 之间的整数，或点“不限人数”。
roster-seats-expected = 请输入新的名额数，或点“不限人数”。
roster-seats-below-taken = { $slot } 已有 { NUMBER($taken, useGrouping: 0) } 人占了名额，名额不能少于 { NUMBER($taken, useGrouping: 0) } 个。请输入 { NUMBER($taken, useGrouping: 0) } 或更多。
roster-seats-done = ✅ { $slot } 现在{ $capacity ->
    [-1] 不限人数
   *[other] 有 { NUMBER($capacity, useGrouping: 0) } 个名额
  }。{ $offered ->
    [0] {""}
   *[other] 已通知候补的前 { NUMBER($offered, useGrouping: 0) } 位确认名额。
  }
roster-time-ask = { $title } 目前 { $time } 开始，{ $end } 结束。请输入新的开始时间，例如：{ $example }（{ $timezone } 时间）。结束时间会随之顺延。
roster-time-done = ✅ 已改期：{ $title } 改为 { $time } 开始，{ $end } 结束。{ $count ->
    [0] 目前还没有人报名。
   *[other] 正在通知已报名的 { NUMBER($count, useGrouping: 0) } 人，他们的提醒也随之调整。
  }
roster-time-unchanged = 这就是现在的时间，没有变化。请输入另一个时间，或发送 /cancel。
roster-time-started = 这个活动已经开始，不能再改时间。

## Volunteers: staff tools
roster-hours-button = ⏱ 时长
hours-adjust-ask = ⏱ { $name } 在「{ $title }」现计 { $hours } 小时（{ $source ->
    [credited] 工作人员设定
   *[times] 按签到或开始时间到结束计算
  }）。应计多少小时？请输入 0 到 { NUMBER($max, useGrouping: 0) } 之间的数字，例如 2.5。
hours-adjust-format = 请输入 0 到 { NUMBER($max, useGrouping: 0) } 之间的小时数，例如 2 或 1.5。
hours-adjust-expected = 请输入小时数，或发送 /cancel。
hours-adjust-ask-reason = 调整原因是什么？请输入原因，它会记入操作记录。
hours-adjust-reason-short = 原因至少要 { NUMBER($min, useGrouping: 0) } 个字。
hours-adjust-reason-long = 原因最多 { NUMBER($max, useGrouping: 0) } 个字，请缩短。
hours-adjust-reason-expected = 请输入调整原因，或发送 /cancel。
hours-adjust-done = ✅ { $name }：「{ $title }」现计 { $after } 小时（原为 { $before } 小时）。已记入操作记录。
hours-adjust-not-attended = 只有记为到场的人才计时长。请先把 TA 记为到场。
audit-hours-adjust = { $actor } 把 { $member } 在「{ $title }」的服务时长从 { $before } 小时改为 { $after } 小时。原因：{ $reason }
audit-event-create = { $actor } 创建了活动「{ $title }」（{ $time }{ $count ->
    [1] {""}
   *[other] ，每周一次，共 { NUMBER($count, useGrouping: 0) } 次
  }）。
audit-event-cancel = { $actor } 取消了「{ $title }」（{ $time }），已通知 { NUMBER($count, useGrouping: 0) } 人。
audit-event-reschedule = { $actor } 把「{ $title }」从 { $from } 改到 { $to }{ $count ->
    [1] {""}
   *[other] ，同系列共 { NUMBER($count, useGrouping: 0) } 场一起改
  }。
audit-event-seats = { $actor } 修改了「{ $title }」{ $slot } 的名额：{ $before ->
    [-1] 不限
   *[other] { NUMBER($before, useGrouping: 0) }
  } → { $after ->
    [-1] 不限
   *[other] { NUMBER($after, useGrouping: 0) }
  }。
audit-event-mark = { $actor } 在「{ $title }」把 { $member } 记为{ $status ->
    [attended] 到场
   *[no_show] 缺席
  }。
command-volunteers = 志愿者：团队、时长、缺席
volunteers-overview-none = 还没有志愿者。
volunteers-overview-header = 👥 志愿者共 { NUMBER($count, useGrouping: 0) } 人。本月（{ $month }）合计 { $hours } 小时。
volunteers-overview-line = { NUMBER($n, useGrouping: 0) }. { $name }（{ $realName }）· { $teams } · 本月 { $month } 小时，累计 { $all } 小时，{ NUMBER($events, useGrouping: 0) } 次活动 · 缺席 { $rate }
volunteers-overview-more = ……还有 { NUMBER($count, useGrouping: 0) } 人，CSV 文件里有全部。
volunteers-overview-csv = 📄 每位志愿者每月的时长见 CSV 文件（可用 Excel 打开）。
volunteers-no-team = 未加入团队
volunteers-csv-name = 姓名
volunteers-csv-real-name = Telegram 名字
volunteers-csv-month = 月份
volunteers-csv-hours = 小时
volunteers-csv-events = 活动次数
roster-button-csv = 📄 CSV
sheet-caption = 📄 报名及签到表：{ $title }（{ $time }）
sheet-csv-slot = 岗位
sheet-csv-name = 姓名
sheet-csv-phone = 电话
sheet-csv-status = 状态
sheet-csv-signed-up = 报名时间
sheet-csv-checked-in = 签到时间
sheet-csv-hours = 小时
sheet-csv-credited = 工作人员调整
sheet-credited-yes = 是
sheet-status = { $status ->
    [attended] 到场
    [no_show] 缺席
    [offered] 有名额待确认
    [waitlisted] 候补第 { NUMBER($position, useGrouping: 0) } 位
   *[confirmed] 已报名
  }
events-checkin-or-location = 或者到了活动地点后，点下方「📍 在这里签到」发送您的位置。
events-checkin-share = 📍 在这里签到
events-checkin-too-far = 您离「{ $title }」的地点约 { NUMBER($meters, useGrouping: 0) } 米；按位置签到需要在 { NUMBER($radius, useGrouping: 0) } 米以内。请走近一些再试，或用签到码签到。
events-checkin-not-yet = 「{ $title }」的签到 { $time } 开始（开始前 30 分钟）。请到时再发送位置。
events-checkin-no-place = 「{ $title }」没有登记位置，请用组织者出示的签到码签到。
roster-time-scope = 这是每周一次的系列活动，之后还有 { NUMBER($count, useGrouping: 0) } 场。只改这一场，还是之后的各场也改到当天的同一时间？
roster-time-only-this = 只改这一场
roster-time-whole-series = 这一场及之后各场（共 { NUMBER($count, useGrouping: 0) } 场）
roster-time-series-done = 🔁 系列中共 { NUMBER($count, useGrouping: 0) } 场已改期，各在当天的同一时间。
evaluation-volunteering = 🙋 志愿服务：报名 { NUMBER($signups, useGrouping: 0) } 人次；活动 { NUMBER($events, useGrouping: 0) } 场，到场 { NUMBER($attended, useGrouping: 0) } 人次，缺席 { NUMBER($noShows, useGrouping: 0) } 人次；服务 { $hours } 小时。
roster-button-announce = 📣 通知可报名的人
roster-announced = 📣 已通知 { NUMBER($count, useGrouping: 0) } 位可报名的人。按群发通知的速度发送（免打扰时段不发），进度另有消息显示，可随时停止。
roster-announce-already = 这个活动已经通知过了。
roster-announce-closed = 这个活动已截止报名，无需再通知。
events-announcement = 📣 这个活动可以报名了：
teams-remove-button = ➖ { $name }（{ $team }）
teams-remove-ask = 要把 { $name } 移出「{ $team }」吗？会通知 TA。
teams-remove-yes = 是的，移出
teams-remove-no = 不，保留
teams-remove-kept = 没有任何改动。
teams-removed = ✅ { $name } 已不在「{ $team }」。
teams-remove-not-member = TA 已经不是这个团队的成员了。
teams-removed-notice = 您已不再是「{ $team }」的成员。如有疑问，请联系团队负责人或社区工作人员。
audit-team-remove = { $actor } 把 { $member } 移出了团队「{ $team }」。
command-interests = 志愿服务方向（管理员）
command-interest-add = 添加志愿服务方向（管理员）
interests-list = 🙋 志愿者可选的服务方向（中文 / 英文）：
    { $names }
    点一个可将其从列表中移除（已选它的志愿者资料不变）。添加请发送 /interest_add 中文名 / English name
interests-add-empty = 请给出两个名称：/interest_add 中文名 / English name
interests-add-too-long = 每种语言的名称最多 { NUMBER($max, useGrouping: 0) } 个字。
interests-add-exists = 已经有同名的服务方向了。
interests-added = 已添加服务方向：{ $zh } / { $en }
interests-remove-ask = 要把这个服务方向从列表中移除吗？已选它的志愿者资料不变。
interests-remove-yes = 是的，移除
interests-removed = ✅ 已从列表中移除。
interests-gone = 这个服务方向已不在列表中。
audit-interest-add = { $actor } 添加了志愿服务方向 { $zh } / { $en }。
audit-interest-archive = { $actor } 把志愿服务方向 { $zh } / { $en } 从列表中移除。

## Lectures: topics and subscriptions
command-subscribe = 讲座通知：选择主题
command-unsubscribe = 不再接收讲座通知
command-topics = 讲座主题（管理员）
lectures-no-community = 请先发送 /start 加入您的社区。
lectures-subscribe-intro = 📚 您想收到哪些讲座的通知？点主题即可开启或关闭。
lectures-all = 全部讲座
lectures-stop-all = 🔕 不再接收任何讲座通知
lectures-subscriptions-saved = 已保存。
lectures-unsubscribed = 🔕 您将不再收到讲座通知。发送 /subscribe 可以重新开启。
lectures-topic-gone = 这个主题已不存在。
lectures-optin-ask = 📚 社区会举办讲座（法律、健康、交通安全等）。您想收到讲座通知吗？我们只发送您选择的内容。
lectures-optin-yes = 想，选择主题
lectures-optin-no = 不用了，谢谢
lectures-optin-declined = 好的，不给您发讲座通知。随时可以发送 /subscribe 改变主意。
lectures-topic-removed = 讲座主题「{ $zh }」（{ $en }）已取消，您不会再收到这个主题的通知。发送 /subscribe 查看现有主题。
lectures-topics = 📚 讲座主题（中文 / 英文）：
    { $names }
    点主题可以删除。添加主题：/topic_add 中文名 / English name
lectures-topic-add-empty = 请给出两种语言的名称：/topic_add 中文名 / English name
lectures-topic-add-too-long = 主题名称每种语言最多 { $max } 个字。
lectures-topic-add-exists = 已经有同名的主题了。
lectures-topic-added = 已添加主题：{ $zh } / { $en }
lectures-topic-remove-ask = 删除这个主题吗？会通知订阅了它的居民。
lectures-topic-remove-yes = 确定删除
lectures-topic-removed-done = 主题已删除；{ $told ->
    [0] 没有人订阅它。
   *[other] 已通知 { $told } 位订阅者。
  }

## Lectures: listing, registration, the door, feedback, staff
command-lectures = 讲座：即将举办和往期
command-mylectures = 我的讲座报名和签到码
command-newlecture = 新建讲座
command-lectures-csv = 季度讲座数据（CSV）
menu-lectures = 🎓 讲座
lectures-none = 近期没有讲座。发送 /subscribe 订阅新讲座通知。
lectures-card = 🎓 { $title }
    🏷 { $topic } · 🎤 { $speaker }
    🕒 { $time }–{ $end }
    📍 { $place }
lectures-seats = { $left ->
    [-1] 不限人数：报名即可获得签到码。
    [0] 已满：{ $waiting } 人候补。您仍可排候补。
   *[other] 剩余 { $left } 个座位
  }
lectures-no-registration = 无需报名，直接来即可。
lectures-past-header = 往期讲座：
lectures-past-line = • { $time } { $title }{ $files ->
    [0] {""}
   *[other] （📎 { NUMBER($files, useGrouping: 0) }）
  }
lectures-register = 📝 报名
lectures-interested = ⭐ 感兴趣
lectures-stop-these = 🔕 不再接收这类通知
lectures-registered = ✅ 报名成功。您的签到码：{ $code }。到场时出示即可。讲座前一天和开始前一小时会提醒您。
lectures-registered-soon = ✅ 报名成功。您的签到码：{ $code }。讲座马上开始，到场时出示即可。
lectures-waitlisted = 座位已满：您是候补第 { $position } 位（签到码：{ $code }）。有空位时会询问您。
lectures-interest-saved = 已记下：您感兴趣。
lectures-refused-gone = 这个讲座已不存在。
lectures-refused-cancelled = 这个讲座已取消。
lectures-refused-past = 这个讲座的报名已截止。
lectures-refused-twice = 您已经报名了这个讲座（见 /mylectures）。
lectures-refused-open = 这个讲座无需报名，直接来即可。
lectures-mine-none = 您没有讲座报名。发送 /lectures 查看近期讲座。
lectures-mine-header = 🎓 我的讲座：
lectures-mine-line = { NUMBER($n, useGrouping: 0) }. { $title }：{ $time }，{ $place }。{ $status ->
    [waitlisted] 候补中。
    [offered] 有空位留给您：请查看消息。
    [attended] 已签到。
   *[other] 已报名。
  }签到码：{ $code }
lectures-cancel-registration = ❌ 取消报名 { NUMBER($n, useGrouping: 0) }
lectures-door = 🚪 现场签到
lectures-figures = 📊 数据
lectures-cancel-lecture = ❌ 取消讲座
lectures-door-open = 🚪「{ $title }」现场签到。请逐个输入居民出示的签到码，每个都会立即答复。
lectures-door-walkin = ➕ 未报名直接来的（计数）
lectures-door-done = ✅ 结束签到
lectures-door-checked-in = ✅ { $name }：签到成功。
lectures-door-already = ⚠️ { $name } 已经签到过了。
lectures-door-waitlisted = ⚠️ { $name } 在候补名单上，没有座位。
lectures-door-not-registered = ❌ 本讲座没有这个签到码的报名。
lectures-door-another = ❌ 这是另一个讲座的签到码：{ $title }。
lectures-door-closed = 这个讲座现在不能签到（开始前 30 分钟至结束）。
lectures-door-walkins = 现场直接来的人数：{ $count }
lectures-door-summary = 🚪 签到已结束。
lectures-door-hint = 请输入签到码（4 位字母和数字），或点按钮。
lectures-door-not-helper = 只有讲座值班志愿者和工作人员可以签到。
lectures-feedback-ask = 🎓 感谢您参加「{ $title }」。您觉得怎么样？请点 1 到 5 颗星。
lectures-stars = { $stars }⭐
lectures-feedback-thanks = 感谢您打出 { $stars } 颗星！如果愿意，可以直接输入您的意见（或发送 /cancel）。
lectures-feedback-not-attendee = 只有到场参加的人才能评价这个讲座。
lectures-comment-saved = 谢谢，您的意见已保存。
lectures-comment-expected = 请用文字输入您的意见，或发送 /cancel。
lectures-figures-text = 📊 { $title }（{ $time }）
    报名：{ $registered } · 到场：{ $attended } · 现场直接来：{ $walkins } · 未到：{ $noshows }
    平均评分：{ $rating }（{ $ratings } 人评价）
lectures-cancel-ask = 取消「{ $title }」吗？会通知所有报名的人。
lectures-cancel-yes = 确定取消讲座
lectures-cancelled-done = 讲座已取消，已通知 { $told } 位报名者。
lectures-csv-usage = 哪个季度？例如：/lectures_csv 2026-Q2
lectures-csv-caption = 📊 { $quarter } 讲座：共 { $lectures } 场，{ $people } 人到场（含现场直接来的）。
newlecture-ask-title = 🆕 新建讲座。讲座名称是什么？例如：防诈骗知识讲座
newlecture-ask-topic = 属于哪个主题？（订阅该主题的居民会收到通知。）
newlecture-no-topic = 不设主题
newlecture-ask-speaker = 主讲人是谁？（姓名和身份，例如：王律师）
newlecture-speaker-expected = 请输入主讲人姓名。
newlecture-skip = 跳过
newlecture-ask-poster = 请发送海报照片，或点“跳过”。
newlecture-poster-expected = 请发送一张照片，或点“跳过”。
newlecture-ask-description = 简单介绍一下讲座（或点“跳过”）。
newlecture-description-expected = 请输入介绍，或点“跳过”。
newlecture-ask-seats = 有多少个座位？请输入数字，或点“不限人数”。
newlecture-seats-format = 请输入座位数（1 或以上的整数），或点“不限人数”。
newlecture-ask-registration = 需要报名吗？
newlecture-registration-yes = 需要，凭签到码入场
newlecture-registration-no = 不需要，公开讲座
newlecture-ask-duty = 讲座值班岗位（志愿者），写在一行，例如：签到 2, 引导 3。或点“不设值班”。
newlecture-no-duty = 不设值班
newlecture-summary = 🎓 { $title }
    🏷 { $topic } · 🎤 { $speaker }
    🕒 { $time }–{ $end }
    📍 { $place }
    { $registration ->
        [yes] 报名：{ $seats ->
            [-1] 不限人数
           *[other] { $seats } 个座位
        }
       *[no] 公开讲座，无需报名
    }
    讲座值班：{ $duty }
newlecture-created = ✅ 讲座已创建：{ $title }（编号 { NUMBER($id, useGrouping: 0) }）。发送 /lectures 查看。

## Lectures: announcements
lectures-announce = 📣 通知订阅者
lectures-announce-all = 📣 通知全体居民
lectures-announce-not-found = 这个讲座已不存在。
lectures-announce-already = 这个讲座已经通知过了。
lectures-announce-over = 这个讲座已取消或已结束。
lectures-announced = 📣 正在通知 { $count } 人，进度随后发送。
lectures-announcement = { $name }，您好！有一场您可能感兴趣的讲座：{ $title }

## Lectures: more for staff
lectures-roster = 🗂 名单、改时间或座位、二维码
lectures-poster = 🖨 门口签到海报和二维码
lectures-poster-heading = 讲座签到
lectures-poster-time = 时间：
lectures-poster-place = 地点：
lectures-poster-scan = 已报名？用手机扫描二维码，在 Telegram 里点“开始”即可签到（开始前 30 分钟至结束）。
lectures-poster-code = 扫不了码？请向门口的志愿者出示您的签到码。
lectures-poster-caption = 🖨 「{ $title }」门口签到海报（A4，可直接打印）：已报名的居民扫码签到，讲座结束后会请他们评价。
lectures-poster-no-font = 打印海报需要服务器装有中文字体（Debian：apt-get install fonts-noto-cjk）；上面的二维码可以单独使用。
lectures-materials = 📎 讲座资料
lectures-materials-get = 📎 资料
lectures-materials-ask = 📎 「{ $title }」的讲座资料：请在这里发送或转发 PDF 或照片（最多 { NUMBER($max, useGrouping: 0) } 个文件），然后点“完成”。选好发给谁之前不会发出。
lectures-materials-expected = 请发送文件（PDF）或照片，或点“完成”。
lectures-materials-done = ✅ 完成，选择发给谁
lectures-materials-got = 已收到：这个讲座共 { NUMBER($count, useGrouping: 0) } 个文件。可以继续发送，或点“完成”。
lectures-materials-full = 这个讲座已有 { NUMBER($max, useGrouping: 0) } 个文件，这是 Telegram 一次能发送的上限。请点“完成”。
lectures-materials-none = 没有新的文件可发送，什么也没有发出。
lectures-materials-who = 这 { NUMBER($files, useGrouping: 0) } 个新文件发给谁？
lectures-materials-attendees = 到场的居民（{ NUMBER($count, useGrouping: 0) } 人）
lectures-materials-subscribers = 到场的居民和该主题的订阅者（{ NUMBER($count, useGrouping: 0) } 人）
lectures-materials-sending = 📎 正在把资料发给 { NUMBER($count, useGrouping: 0) } 人，进度随后发送。
lectures-materials-nothing = 这些文件已经发过了，什么也没有发出。
lectures-materials-nobody = 现在还没有可以发送的人（没有人签到，也没有订阅者）。文件已保存，之后可在讲座下再发送。
lectures-materials-not-found = 这个讲座已不存在。
lectures-materials-caption = 📎 讲座「{ $title }」（{ $time }）的资料

## Lectures: in the daily report and /stats
evaluation-lectures = 讲座：{ $lectures } 场；报名 { $registered } 人，到场 { $attended } 人，现场直接来 { $walkins } 人，未到 { $noshows } 人（共 { $people } 人参加）；评分 { $rating }

## Dashboard: daily records, volunteers, events, lectures, broadcasts
dashboard-nav-daily = 日记录
dashboard-nav-volunteers = 志愿者
dashboard-nav-events = 活动
dashboard-nav-lectures = 讲座
dashboard-nav-broadcasts = 群发通知
dashboard-daily-title = 日记录 · { $day }
dashboard-daily-pick = 日期
dashboard-daily-prev = ‹ 前一天
dashboard-daily-next = 后一天 ›
dashboard-daily-none = { $day } 没有日记录。每天晚上发出日汇报时会记下当天；也可以在机器人里发送 /daily { $day } 补记。
dashboard-daily-so-far = 今天到目前为止（截至 { $time }）；晚上发出日汇报时才会记下。
dashboard-daily-whole-day = 全天，按记录。
dashboard-daily-as-of = 记录于 { $time }，当时这一天还没结束。
dashboard-daily-bad-day = 无法识别「{ $day }」这个日期，请在日历里选择（年-月-日）。下面显示的是今天的数据。
dashboard-daily-future = { $day } 还没到（今天是 { $today }）。下面显示的是今天的数据。
dashboard-daily-new = 新上报
dashboard-daily-resolved = 已处理
dashboard-daily-closed = 已关闭
dashboard-daily-reopened = 重新打开
dashboard-daily-overdue = 超时
dashboard-daily-no-reports = 这一天没有新上报、处理、关闭、重新打开或超时的问题。
dashboard-daily-patrols = 巡查
dashboard-daily-patrols-none = 这一天没有巡查记录。
dashboard-daily-more = 满意度、志愿服务和讲座
dashboard-daily-ratings-none = 居民满意度：这一天没有评价。
dashboard-volunteers-title = 志愿者
dashboard-volunteers-count = 志愿者 { NUMBER($count, useGrouping: 0) } 人；本月（{ $month }）共 { $hours } 小时。
dashboard-volunteers-csv = ⬇ 每人每月服务时长（CSV）
dashboard-volunteers-col-name = 姓名
dashboard-volunteers-col-teams = 队伍
dashboard-volunteers-col-month = { $month } 时长
dashboard-volunteers-col-all = 累计时长
dashboard-volunteers-col-events = 参加活动
dashboard-volunteers-col-no-shows = 缺席
dashboard-volunteers-month-title = { $month } 服务时长
dashboard-volunteers-month = 月份
dashboard-volunteers-month-none = 这个月没有人参加活动。
dashboard-volunteers-month-total = { NUMBER($count, useGrouping: 0) } 位志愿者共 { $hours } 小时。
dashboard-volunteers-bad-month = 无法显示「{ $month }」这个月份（应为年-月，且不能是将来）。下面显示的是本月（{ $current }）。
dashboard-volunteers-teams = 队伍
dashboard-volunteers-teams-none = 还没有队伍。
dashboard-volunteers-members = 成员 { NUMBER($count, useGrouping: 0) } 人
dashboard-events-title = 活动
dashboard-events-coming = 即将举行
dashboard-events-past = 已结束
dashboard-events-none-coming = 没有即将举行的活动。
dashboard-events-none-past = 没有已结束的活动。
dashboard-events-more-coming = 只显示最近的 { NUMBER($count, useGrouping: 0) } 场。
dashboard-events-older = 更早 ›
dashboard-events-bad-page = 无法识别页码，下面显示的是最近的活动。
dashboard-events-col-when = 时间
dashboard-events-col-title = 活动
dashboard-events-col-kind = 类型
dashboard-events-col-seats = 已报名
dashboard-events-col-waiting = 候补
dashboard-events-col-came = 到场
dashboard-events-came = 到场 { NUMBER($came, useGrouping: 0) } 人，缺席 { NUMBER($absent, useGrouping: 0) } 人
dashboard-events-taken-open = { NUMBER($taken, useGrouping: 0) }（不限人数）
dashboard-events-waiting = 候补 { NUMBER($count, useGrouping: 0) } 人
dashboard-events-cancelled = 已取消
dashboard-events-is-cancelled = 这个活动已取消。
dashboard-events-team-only = 仅限{ $team }
dashboard-events-back = ‹ 全部活动
dashboard-events-not-found = 本社区没有这个活动。
dashboard-events-place = 地点
dashboard-events-attendance = 签到情况
dashboard-events-attendance-line = 到场 { NUMBER($present, useGrouping: 0) } 人，缺席 { NUMBER($absent, useGrouping: 0) } 人，未标记 { NUMBER($unknown, useGrouping: 0) } 人
dashboard-events-unknown = 未标记
dashboard-events-signed-up = 已占名额 { NUMBER($count, useGrouping: 0) } 人，候补或待确认 { NUMBER($waiting, useGrouping: 0) } 人。
dashboard-events-csv = ⬇ 名单和签到表（CSV）
dashboard-events-nobody = 还没有人报名。
dashboard-events-credited = 已调整
dashboard-lectures-title = 讲座
dashboard-lectures-coming = 即将举行
dashboard-lectures-none-coming = 没有即将举行的讲座。
dashboard-lectures-quarter-title = { $quarter } 的讲座
dashboard-lectures-quarter = 季度
dashboard-lectures-csv = ⬇ 本季度讲座（CSV）
dashboard-lectures-count = 讲座 { NUMBER($lectures, useGrouping: 0) } 场；共 { NUMBER($people, useGrouping: 0) } 人参加（报名到场和现场直接来）。
dashboard-lectures-bad-quarter = 无法识别「{ $quarter }」这个季度（格式如 2026-Q2）。下面显示的是本季度（{ $current }）。
dashboard-lectures-csv-usage = 哪个季度？请这样写：?quarter=2026-Q2。没有下载任何文件。
dashboard-lectures-col-title = 讲座
dashboard-lectures-col-registered = 报名
dashboard-lectures-col-attended = 到场
dashboard-lectures-col-walk-ins = 现场直接来
dashboard-lectures-col-no-shows = 未到
dashboard-lectures-col-rating = 评分
dashboard-lectures-rating = 平均星级（{ NUMBER($count, useGrouping: 0) } 条评价）
dashboard-lectures-back = ‹ 全部讲座
dashboard-lectures-not-found = 本社区没有这个讲座。
dashboard-lectures-is-cancelled = 这个讲座已取消，不计入统计。
dashboard-lectures-speaker = 主讲人
dashboard-lectures-topic = 主题
dashboard-lectures-open = 开放参加，无需报名
dashboard-lectures-comments = 听众留言
dashboard-lectures-no-comments = 还没有留言。
dashboard-lectures-registrations = 报名名单
dashboard-broadcasts-title = 群发通知
dashboard-broadcasts-count = 共 { NUMBER($count, useGrouping: 0) } 条（最多显示最近 { NUMBER($shown, useGrouping: 0) } 条），包括活动和讲座的通知。
dashboard-broadcasts-col-id = 编号
dashboard-broadcasts-col-status = 状态
dashboard-broadcasts-col-audience = 发给
dashboard-broadcasts-col-text = 内容
dashboard-broadcasts-col-progress = 进度
dashboard-broadcasts-urgent = 紧急
dashboard-broadcasts-figures = 已发 { NUMBER($sent, useGrouping: 0) } · 失败 { NUMBER($failed, useGrouping: 0) } · 跳过 { NUMBER($skipped, useGrouping: 0) } · 待发 { NUMBER($left, useGrouping: 0) }，共 { NUMBER($total, useGrouping: 0) }
dashboard-broadcasts-not-started = 尚未开始
