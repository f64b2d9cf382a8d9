"""Article bodies of the main-text page set: fictional reports about real places, written for the
project in English, Ukrainian, Russian, German and Polish, with the snippets their main text
must contain (`must`) and, for bodies that carry their own teasers or prompts, must not
(`must_not_extra`). Block kinds: p, h2, ul, ol, table, quote, teaser, prompt; live blogs,
forum threads and channel posts have `posts` instead."""

BODIES = {}

def body(key, **kw):
    BODIES[key] = kw

body("odesa_port", lang="en",
  title="Drones hit Odesa port overnight, grain terminal on fire",
  standfirst="Air defence downed most of the drones, but debris set a grain terminal alight.",
  blocks=[
    ("p", "Russian attack drones struck port infrastructure in Odesa overnight, setting fire to a grain terminal and damaging two warehouses, the regional military administration said on Wednesday morning."),
    ("p", "Governor Oleh Kiper said air defence units shot down 19 of the 23 drones launched at the region, most of them over the sea. Firefighters needed four hours to put out the blaze at the terminal."),
    ("p", "Two port workers were taken to hospital with burns and a third was treated at the scene. A private house in the Kyivskyi district lost its windows when debris fell in a courtyard."),
    ("h2", "Exports under pressure"),
    ("p", "The strike was the third on Odesa's ports this month. Traders said insurance premiums for ships calling at Ukrainian Black Sea ports had risen again after the attacks."),
    ("p", "The ministry of infrastructure said the terminal would resume loading within a week and that no vessels in the harbour had been hit."),
  ],
  must=["setting fire to a grain terminal and damaging two warehouses",
        "shot down 19 of the 23 drones launched at the region",
        "Two port workers were taken to hospital with burns",
        "insurance premiums for ships calling at Ukrainian Black Sea ports",
        "no vessels in the harbour had been hit"])

body("kharkiv_glide", lang="en",
  title="Glide bombs strike Kharkiv residential district",
  blocks=[
    ("p", "Russian aircraft dropped at least three guided aerial bombs on Kharkiv on Thursday afternoon, hitting a nine-storey apartment block and a school in the Saltivskyi district, Mayor Ihor Terekhov said."),
    ("p", "Regional governor Oleh Syniehubov said 14 people were injured, including two children, and that rescuers were searching the rubble for a woman believed to be trapped on the fifth floor."),
    ("p", "Kharkiv, Ukraine's second-largest city, lies about 30 kilometres from the Russian border. Glide bombs released from aircraft over Russian territory reach the city in under a minute, leaving residents little time to shelter."),
    ("p", "The city council said it would move classes in the damaged school online for the rest of the term."),
    ("p", "Russia's defence ministry did not comment on the strike. It has repeatedly said it targets only military infrastructure."),
  ],
  must=["hitting a nine-storey apartment block and a school in the Saltivskyi district",
        "14 people were injured, including two children",
        "reach the city in under a minute",
        "move classes in the damaged school online",
        "It has repeatedly said it targets only military infrastructure."])

body("energy_list", lang="en",
  title="Overnight strikes knock out power in four regions",
  blocks=[
    ("p", "Russia struck energy facilities in four Ukrainian regions overnight with missiles and drones, forcing grid operator Ukrenergo to schedule power cuts for industrial consumers on Saturday."),
    ("p", "The energy ministry listed the damage in a statement:"),
    ("ul", ["A thermal power plant in the Dnipropetrovsk region was hit and two of its units were shut down.",
            "Substations in the Poltava region lost power after a drone strike, leaving 40,000 households without electricity.",
            "A gas production site in the Kharkiv region caught fire and was partly destroyed.",
            "High-voltage lines near Lviv were damaged by debris from a downed cruise missile."]),
    ("p", "Ukrenergo said repairs were under way everywhere and asked residents to limit their use of heavy appliances in the evening."),
  ],
  must=["forcing grid operator Ukrenergo to schedule power cuts",
        "two of its units were shut down",
        "leaving 40,000 households without electricity",
        "caught fire and was partly destroyed",
        "damaged by debris from a downed cruise missile",
        "limit their use of heavy appliances in the evening"])

body("casualty_table", lang="en",
  title="Civilian casualties rose in April, monitors say",
  blocks=[
    ("p", "At least 209 civilians were killed and 1,146 injured in Ukraine in April, the highest monthly toll since the autumn, according to the UN human rights monitoring mission."),
    ("p", "Most casualties were caused by long-range missiles and drones striking cities far from the front line, the mission said. The figures by region were:"),
    ("table", [["Region", "Killed", "Injured"],
               ["Kharkiv region", "68", "311"],
               ["Donetsk region", "54", "197"],
               ["Dnipropetrovsk region", "37", "248"],
               ["Zaporizhzhia region", "21", "143"]]),
    ("p", "The mission said the real numbers were likely to be considerably higher, as reports from occupied areas could not be verified."),
  ],
  must=["At least 209 civilians were killed and 1,146 injured",
        "striking cities far from the front line",
        "Dnipropetrovsk region",
        "248",
        "reports from occupied areas could not be verified"])

body("sumy_keypoints", lang="en",
  title="What we know about the missile strike on Sumy",
  blocks=[
    ("p", "Here is what we know so far about Sunday's attack:"),
    ("ul", ["Two ballistic missiles hit the centre of Sumy shortly after 10am as people were on their way to church.",
            "Regional officials say 34 people were killed, among them two children, and 117 were injured.",
            "A trolleybus and a university building were among the sites hit.",
            "Ukraine's president called the strike a deliberate attack on civilians.",
            "Russia's defence ministry said it had targeted a meeting of military commanders, a claim Kyiv rejected.",
            "The city has declared three days of mourning."]),
  ],
  must=["Two ballistic missiles hit the centre of Sumy shortly after 10am",
        "34 people were killed, among them two children",
        "A trolleybus and a university building were among the sites hit",
        "a claim Kyiv rejected",
        "declared three days of mourning"])

body("air_defence_analysis", lang="en",
  title="Ukraine's air defence stretched thin as drone swarms grow",
  blocks=[
    ("p", "Russia launched more than 4,000 long-range attack drones at Ukraine last month, according to figures published by the Ukrainian Air Force, nearly twice as many as in the same month last year."),
    ("p", "Most of them were Shahed-type drones, many assembled in a factory in Russia's Tatarstan republic. Cheaper decoy drones without warheads now make up a growing share of each wave, analysts say."),
    ("p", "The decoys serve a purpose: they force air defence crews to reveal their positions and to spend interceptors on targets that would do no harm."),
    ("p", "Mobile fire groups armed with heavy machine guns on pickup trucks still account for a large share of the drones shot down, Ukrainian officers say, but they cannot cover every approach to every city."),
    ("h2", "Interceptor drones"),
    ("p", "Ukraine has started to field interceptor drones, small fast quadcopters that ram a Shahed in flight. Officials say several hundred are now delivered each week."),
    ("p", "Their success rate is still unclear. A commander of a unit in the Kyiv region, who asked not to be named, said his crews downed roughly one Shahed for every five interceptors launched."),
    ("p", "Western air defence systems such as Patriot remain reserved for ballistic missiles, which drones and machine guns cannot stop."),
    ("p", "The air force has asked partners for more short-range systems, warning that the number of drones in each attack could reach a thousand by the end of the year."),
  ],
  must=["nearly twice as many as in the same month last year",
        "many assembled in a factory in Russia's Tatarstan republic",
        "spend interceptors on targets that would do no harm",
        "small fast quadcopters that ram a Shahed in flight",
        "roughly one Shahed for every five interceptors launched",
        "could reach a thousand by the end of the year"])

body("interview", lang="en",
  title="'We count every siren': a mayor on life near the border",
  blocks=[
    ("p", "Vovchansk's mayor has spent most of the past year running a town that barely exists. We spoke to him in Kharkiv, where most of the town's administration now works."),
    ("p", "How many people are still in the town?"),
    ("p", "Fewer than two hundred, mostly elderly people who refuse to leave. Before the war we had seventeen thousand residents."),
    ("p", "What do you need most?"),
    ("p", "Transport. Every evacuation run is dangerous because drones hunt anything that moves on the roads, so we need armoured vehicles, not buses."),
    ("p", "Do you think people will come back?"),
    ("p", "They will come back when the shelling stops. Not before, and I would not ask them to."),
  ],
  must=["running a town that barely exists",
        "Before the war we had seventeen thousand residents.",
        "drones hunt anything that moves on the roads",
        "They will come back when the shelling stops."])

body("live_en", lang="en",
  title="Russia-Ukraine war live: Kyiv hit in overnight missile attack",
  posts=[
    ("07:02", "Explosions were heard in Kyiv shortly after 4am as air defence engaged incoming ballistic missiles, city officials said."),
    ("07:18", "Kyiv's military administration says debris fell in the Darnytskyi and Dniprovskyi districts. Emergency services are at both sites."),
    ("07:45", "The air force says Russia launched 11 missiles and 94 drones overnight. It says 8 missiles and 71 drones were shot down."),
    ("08:10", "Three people were injured in Kyiv, Mayor Vitali Klitschko said. One of them is in hospital."),
    ("08:31", "In the Zaporizhzhia region, Russian shelling damaged power lines and left 2,000 households without electricity, the governor said."),
    ("09:05", "Russia's defence ministry says its forces carried out a massive strike on Ukrainian military airfields. The claim could not be independently verified."),
    ("09:40", "Poland scrambled fighter jets as a precaution during the Russian attack, its armed forces command said. No airspace violation was reported."),
    ("10:15", "Ukraine's foreign minister called for more Patriot systems, saying ballistic missiles remain the deadliest threat to cities."),
  ],
  must=["air defence engaged incoming ballistic missiles",
        "debris fell in the Darnytskyi and Dniprovskyi districts",
        "8 missiles and 71 drones were shot down",
        "left 2,000 households without electricity",
        "Poland scrambled fighter jets as a precaution",
        "ballistic missiles remain the deadliest threat to cities"])

body("forum_en", lang="en",
  title="Shahed sounds over Mykolaiv last night?",
  posts=[
    ("kostya_m", "Mon Apr 14, 2025 9:41 am", "Did anyone else hear the mopeds over Korabelnyi district around 2am? At least five passed over us heading north, then two loud bangs near the river."),
    ("sea_wolf", "Mon Apr 14, 2025 10:02 am", "Yes, we heard them in Ternivka too. The regional administration says seven drones were shot down over the region and there were no casualties."),
    ("kostya_m", "Mon Apr 14, 2025 10:15 am", "Thanks. The bangs were the mobile fire group then, not a hit. My neighbour saw tracers for a good minute."),
    ("olena_k", "Mon Apr 14, 2025 11:30 am", "Power went out in our building for about an hour after the second bang, came back by 4am."),
  ],
  must=["hear the mopeds over Korabelnyi district around 2am",
        "seven drones were shot down over the region and there were no casualties",
        "My neighbour saw tracers for a good minute",
        "Power went out in our building for about an hour"])

body("tg_short_en", lang="en", channel="Kyiv Alerts", username="kyiv_alerts_demo",
  posts=[("4521", "2025-04-14T21:41:12+00:00", "Kyiv: air raid alert")],
  must=["Kyiv: air raid alert"])

body("tg_short_en2", lang="en", channel="Kharkiv Now", username="kharkiv_now_demo",
  posts=[("9902", "2025-04-14T13:03:29+00:00", "Explosions in Kharkiv")],
  must=["Explosions in Kharkiv"])

body("uk_zaporizhzhia", lang="uk",
  title="Ворог ударив по Запоріжжю: пошкоджено підприємство, є поранені",
  blocks=[
    ("p", "Російські війська вранці 14 квітня завдали удару керованими авіабомбами по Запоріжжю. Пошкоджено будівлі промислового підприємства та кілька приватних будинків."),
    ("p", "Про це повідомив начальник обласної військової адміністрації Іван Федоров. За його словами, поранено четверо людей, одна жінка перебуває у важкому стані."),
    ("teaser", "Читайте також: Як працюватимуть укриття у школах Запоріжжя з нового навчального року"),
    ("p", "На місці удару працюють рятувальники ДСНС та комунальні служби. Мешканцям пошкоджених будинків видають плівку та будівельні матеріали."),
    ("p", "Запоріжжя розташоване приблизно за 30 кілометрів від лінії фронту і регулярно зазнає ударів авіабомб, ракет і дронів."),
  ],
  must=["завдали удару керованими авіабомбами по Запоріжжю",
        "поранено четверо людей, одна жінка перебуває у важкому стані",
        "видають плівку та будівельні матеріали",
        "регулярно зазнає ударів авіабомб, ракет і дронів"],
  must_not_extra=["Як працюватимуть укриття у школах Запоріжжя"])

body("uk_dnipro_list", lang="uk",
  title="Що відомо про ракетний удар по Дніпру",
  blocks=[
    ("p", "Головне про нічну атаку на місто станом на ранок:"),
    ("ul", ["Росіяни випустили по Дніпру дві балістичні ракети, одну з них збили сили ППО.",
            "Уламки впали на територію ліцею та пошкодили дах спортивної зали.",
            "Постраждали троє людей, серед них 15-річний хлопець.",
            "У кількох будинках вибито вікна, комунальники вже закривають їх плівкою.",
            "Заняття у ліцеї до кінця тижня проходитимуть дистанційно."]),
  ],
  must=["Росіяни випустили по Дніпру дві балістичні ракети",
        "пошкодили дах спортивної зали",
        "Постраждали троє людей, серед них 15-річний хлопець",
        "Заняття у ліцеї до кінця тижня проходитимуть дистанційно"])

body("uk_table", lang="uk",
  title="Повітряні сили: за ніч збито 42 ударні дрони",
  blocks=[
    ("p", "У ніч на 15 квітня противник атакував Україну 58 ударними БпЛА типу Shahed та дронами-імітаторами. Повітряний напад відбивали авіація, зенітні ракетні війська та мобільні вогневі групи."),
    ("p", "Станом на 09:00 підтверджено збиття 42 дронів. Розподіл по областях:"),
    ("table", [["Область", "Збито"], ["Сумська", "14"], ["Харківська", "11"], ["Полтавська", "9"], ["Одеська", "8"]]),
    ("p", "Ще 12 дронів-імітаторів локаційно втрачено, ймовірно, внаслідок протидії засобів РЕБ."),
  ],
  must=["атакував Україну 58 ударними БпЛА типу Shahed",
        "підтверджено збиття 42 дронів",
        "Полтавська",
        "локаційно втрачено, ймовірно, внаслідок протидії засобів РЕБ"])

body("uk_live", lang="uk",
  title="Війна в Україні: онлайн-трансляція 14 квітня",
  posts=[
    ("08:05", "У Києві вночі лунали вибухи, працювали сили ППО. Уламки впали у Дарницькому районі, постраждалих немає."),
    ("08:40", "Повітряні сили повідомили про 94 ударні дрони, з них знешкоджено 71."),
    ("09:15", "На Харківщині внаслідок обстрілу Куп'янська поранено 67-річного чоловіка."),
    ("10:02", "У Херсоні через обстріл знеструмлено частину Корабельного району, тривають ремонтні роботи."),
    ("11:30", "Генштаб: за добу відбулося 143 бойові зіткнення, найактивніше на Покровському напрямку."),
    ("12:10", "У Сумах оголошено жалобу за загиблими внаслідок ракетного удару."),
  ],
  must=["Уламки впали у Дарницькому районі, постраждалих немає",
        "про 94 ударні дрони, з них знешкоджено 71",
        "поранено 67-річного чоловіка",
        "найактивніше на Покровському напрямку",
        "оголошено жалобу за загиблими"])

body("uk_tg_post", lang="uk", channel="Харків Онлайн", username="kharkiv_online_demo",
  posts=[("7714", "2025-04-14T16:03:29+00:00", "Вибухи у Харкові\n\nМісто атакують КАБами, попередньо влучання в Київському районі. Уточнюємо інформацію.")],
  must=["Вибухи у Харкові", "попередньо влучання в Київському районі"])

body("ru_belgorod", lang="ru",
  title="Губернатор: над Белгородом сбиты беспилотники, пострадала женщина",
  blocks=[
    ("p", "Силы противовоздушной обороны ночью сбили над Белгородом и Белгородским районом семь беспилотных летательных аппаратов, сообщил губернатор области Вячеслав Гладков."),
    ("p", "По его словам, обломки одного из дронов упали во двор частного дома, пострадала пожилая женщина. Ее доставили в городскую больницу с осколочными ранениями."),
    ("teaser", "Читайте также: В Белгородской области продлили режим повышенной готовности"),
    ("p", "В Шебекинском округе в результате атаки дрона повреждены линия электропередачи и два автомобиля, добавил Гладков."),
    ("p", "Министерство обороны России ранее сообщило, что за ночь над территорией страны уничтожены 23 украинских беспилотника."),
    ("prompt", "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать главные новости."),
  ],
  must=["сбили над Белгородом и Белгородским районом семь беспилотных",
        "пострадала пожилая женщина",
        "повреждены линия электропередачи и два автомобиля",
        "уничтожены 23 украинских беспилотника"],
  must_not_extra=["продлили режим повышенной готовности", "Подписывайтесь на наш канал"])

body("ru_split", lang="ru",
  title="Минобороны: ПВО перехватила 14 беспилотников над Курской областью",
  blocks=[
    ("p", "Дежурные средства ПВО перехватили и уничтожили 14 украинских беспилотных летательных аппаратов самолетного типа, сообщили в Министерстве обороны России."),
    ("p", "Девять из них были сбиты над территорией Курской области, пять — над Брянской областью."),
    ("p", "Губернатор Курской области сообщил, что жертв и разрушений нет."),
    ("p", "В Брянской области, по словам губернатора Александра Богомаза, пострадавших также нет, а на месте падения обломков работают оперативные службы."),
    ("p", "Ранее в ведомстве заявили о перехвате двух управляемых авиабомб и ракеты ATACMS."),
  ],
  must=["перехватили и уничтожили 14 украинских беспилотных",
        "пять — над Брянской областью",
        "жертв и разрушений нет",
        "на месте падения обломков работают оперативные службы",
        "о перехвате двух управляемых авиабомб и ракеты ATACMS"])

body("ru_tg_channel", lang="ru", channel="Курск Сейчас", username="kursk_now_demo",
  posts=[
    ("3301", "2025-04-14T19:12:00+00:00", "Курск: ракетная опасность. Просим жителей пройти в укрытия."),
    ("3302", "2025-04-14T19:25:41+00:00", "В Курске прогремели взрывы, работает ПВО."),
    ("3303", "2025-04-14T20:02:10+00:00", "Губернатор: обломки сбитой ракеты повредили крышу склада на окраине города, пострадавших нет."),
    ("3304", "2025-04-14T20:30:55+00:00", "Отбой ракетной опасности."),
  ],
  must=["Курск: ракетная опасность", "В Курске прогремели взрывы, работает ПВО",
        "повредили крышу склада на окраине города", "Отбой ракетной опасности"])

body("de_article", lang="de",
  title="Drohnenangriff auf Odessa: Getreideterminal in Brand",
  blocks=[
    ("p", "Bei einem nächtlichen Drohnenangriff auf die südukrainische Hafenstadt Odessa ist ein Getreideterminal in Brand geraten. Zwei Hafenarbeiter wurden verletzt, teilte die regionale Militärverwaltung mit."),
    ("p", "Die ukrainische Luftabwehr habe 19 von 23 Drohnen abgeschossen, die meisten über dem Meer, hieß es weiter."),
    ("p", "Es war bereits der dritte Angriff auf die Häfen von Odessa in diesem Monat. Händler berichten von steigenden Versicherungsprämien für Schiffe."),
    ("p", "Das Infrastrukturministerium kündigte an, das Terminal solle innerhalb einer Woche wieder Getreide verladen."),
  ],
  must=["ist ein Getreideterminal in Brand geraten",
        "19 von 23 Drohnen abgeschossen",
        "von steigenden Versicherungsprämien für Schiffe",
        "innerhalb einer Woche wieder Getreide verladen"])

body("pl_article", lang="pl",
  title="Rosyjski atak na Lwów. Uszkodzona linia wysokiego napięcia",
  blocks=[
    ("p", "W nocy z niedzieli na poniedziałek rosyjskie pociski manewrujące zaatakowały obwód lwowski. Szczątki zestrzelonej rakiety uszkodziły linię wysokiego napięcia pod Lwowem."),
    ("p", "Jak poinformował szef władz obwodu Maksym Kozycki, nikt nie został ranny, a dostawy prądu przywrócono przed południem."),
    ("p", "Polskie Dowództwo Operacyjne poderwało w nocy myśliwce, by zabezpieczyć przestrzeń powietrzną przy granicy."),
  ],
  must=["Szczątki zestrzelonej rakiety uszkodziły linię wysokiego napięcia",
        "dostawy prądu przywrócono przed południem",
        "poderwało w nocy myśliwce"])
