## Вердикт проверки лицензии: одно простое предложение для работника.

verdict-may-recruit = У агентства «{ $agency }» действующая лицензия: оно может набирать работников для работы в странах { $countries } до { $until }. И всё же ничего не платите до подписания договора и не отдавайте свой паспорт.
verdict-not-yet-valid = Агентство «{ $agency }» пока НЕ может набирать работников: его лицензия вступает в силу { $from }. До этого не платите ему и не отдавайте паспорт.
verdict-suspended = Агентство «{ $agency }» сейчас НЕ может набирать работников: лицензия приостановлена. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-suspended-until = Агентство «{ $agency }» сейчас НЕ может набирать работников: лицензия приостановлена до { $until }. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-revoked = Агентство «{ $agency }» НЕ может набирать работников: лицензия отозвана. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-expired = Агентство «{ $agency }» НЕ может набирать работников: срок лицензии истёк { $until }. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-surrendered = Агентство «{ $agency }» НЕ может набирать работников: оно отказалось от лицензии. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-complaints = { $count ->
    [one] Министерство признало обоснованной { $count } жалобу на это агентство.
    [few] Министерство признало обоснованными { $count } жалобы на это агентство.
   *[many] Министерство признало обоснованными { $count } жалоб на это агентство.
}

## Заголовки ошибок, по типу ошибки.

title-bad-request = Неверный запрос
title-invalid-fields = Недопустимый запрос
title-license-not-found = Лицензия не найдена
title-not-found = Не найдено
title-method-not-allowed = Метод не разрешён
title-payload-too-large = Слишком большой запрос
title-unsupported-media-type = Неподдерживаемый тип данных
title-unauthorized = Требуется авторизация
title-forbidden = Доступ запрещён
title-conflict = Конфликт
title-impossible-transition = Невозможное действие с лицензией
title-stale-version = Устаревшая версия
title-if-match-required = Требуется If-Match
title-too-many-requests = Слишком много запросов
title-token-request = Запрос токена отклонён
title-service-unavailable = Сервис недоступен
title-internal-error = Внутренняя ошибка сервера

## Описания ошибок.

detail-license-not-found = Лицензия { $number } не зарегистрирована. Агентство без зарегистрированной лицензии не может набирать работников: не платите ему, не отдавайте паспорт и сообщите о нём.
detail-method-not-allowed = Этот ресурс отвечает только на { $methods }.
detail-service-unavailable = Реестр сейчас не может связаться со своей базой данных. Попробуйте ещё раз через несколько секунд.
detail-internal-error = Реестр не смог ответить на этот запрос. Ошибка записана в журнал.
detail-too-many-requests = Слишком много запросов с этого адреса (не более { $per_minute } в минуту). Попробуйте снова через { $retry_after ->
    [one] { $retry_after } секунду
    [few] { $retry_after } секунды
   *[many] { $retry_after } секунд
}.
detail-too-many-wrong-secrets = Слишком много неверных секретов для этого клиента. Попробуйте снова через { $retry_after ->
    [one] { $retry_after } секунду
    [few] { $retry_after } секунды
   *[many] { $retry_after } секунд
}.
detail-stale-version = Кто-то изменил этот ресурс после того, как вы его прочитали. Загрузите его заново (GET), проверьте изменения и повторите с новым ETag.
detail-if-match-required = Для изменений нужен заголовок `If-Match` с ETag изменяемой версии: сначала прочитайте ресурс (GET), затем отправьте его ETag.
detail-unknown-language = Параметр запроса `lang` недопустим: допустимы uz-Latn, uz-Cyrl, ru, en.

## Публичная страница проверки.

page-title = Проверка агентства по трудоустройству
page-intro = Прежде чем кому-то платить или отдавать паспорт, проверьте, что у агентства есть действующая лицензия.
form-label = Номер лицензии, название агентства или ИНН
form-button = Проверить
heading-may-recruit = Может набирать работников
heading-may-not-recruit = НЕ может набирать работников
heading-unknown = Не зарегистрировано
label-licence = Лицензия
label-other-names = Также зарегистрировано как
label-address = Адрес
label-phone = Телефон
label-countries = Может направлять работников в
label-sectors = Отрасли
label-valid = Действует
label-history = История лицензии
label-complaints = Жалоб рассмотрено министерством: { $total }, признано обоснованными: { $substantiated }
report-heading = Сообщите об этом
results-heading = Найденные агентства
results-none = Агентство не найдено. Агентство, которого нет в реестре, не может набирать работников.
status-active = действует
status-suspended = приостановлена
status-revoked = отозвана
status-expired = истекла
status-surrendered = сдана
action-issued = выдана
action-renewed = продлена
action-suspended = приостановлена
action-reinstated = возобновлена
action-revoked = отозвана
action-expired = истекла
action-surrendered = сдана
