"""Demo content for `manage.py seed_demo`: The Riverside Ledger, news for the Ravel valley.

Everything here is fiction written for this project. The towns, from the hills to the sea:
Coldharbour, Hatton Lock, Millbrook, Alder Ferry, Wenham Weir and Saltmarsh End, with the
city of Kingsmere up the line. Commenters' addresses use the reserved example domains only.

Article bodies use a small markup that the command turns into HTML: blocks are separated by a
blank line; "## " starts a subhead, "> " a blockquote, "- " a list item; any other block is a
paragraph. Lines inside a block are joined with spaces, so they can be wrapped freely.
"""

DEMO_PASSWORD = "newsroom-demo"  # noqa: S105 (well known on purpose; refused with debug off)

USERS = [
    {
        "username": "admin",
        "first_name": "Sam",
        "last_name": "Archer",
        "email": "admin@example.org",
        "group": None,
        "superuser": True,
    },
    {
        "username": "editor",
        "first_name": "Maya",
        "last_name": "Okonkwo",
        "email": "editor@example.org",
        "group": "Editor",
        "superuser": False,
    },
    {
        "username": "reporter",
        "first_name": "Tom",
        "last_name": "Hadley",
        "email": "reporter@example.org",
        "group": "Reporter",
        "superuser": False,
    },
    {
        "username": "moderator",
        "first_name": "Jo",
        "last_name": "Fairweather",
        "email": "moderator@example.org",
        "group": "Moderator",
        "superuser": False,
    },
]

SECTIONS = [
    {
        "name": "News",
        "slug": "news",
        "order": 0,
        "description": "What is happening in Millbrook, Alder Ferry and the towns along the Ravel.",
    },
    {
        "name": "Politics",
        "slug": "politics",
        "order": 1,
        "description": "Councils, elections and the decisions that shape life in the valley.",
    },
    {
        "name": "Business",
        "slug": "business",
        "order": 2,
        "description": "Shops, jobs, farms, housing and the money moving through the river towns.",
    },
    {
        "name": "Environment",
        "slug": "environment",
        "order": 3,
        "description": "The river, the weather, the land and the people looking after them.",
    },
    {
        "name": "Culture",
        "slug": "culture",
        "order": 4,
        "description": "Theatre, music, history, festivals and the people who make them happen.",
    },
    {
        "name": "Sport",
        "slug": "sport",
        "order": 5,
        "description": "Clubs, fixtures and results from the pitch, the river and the towpath.",
    },
]

AUTHORS = [
    {
        "name": "Maya Okonkwo",
        "slug": "maya-okonkwo",
        "job_title": "Editor",
        "user": "editor",
        "bio": "Maya has edited the Ledger since it relaunched as an independent, reader-funded "
        "newsroom. Before that she spent twelve years on regional papers in Kingsmere. She lives "
        "in Millbrook and rows, badly, on Tuesday evenings.",
    },
    {
        "name": "Tom Hadley",
        "slug": "tom-hadley",
        "job_title": "Local government reporter",
        "user": "reporter",
        "bio": "Tom covers the town, district and county councils, which means he has sat "
        "through more budget meetings than anyone should. Tips about planning applications are "
        "always welcome.",
    },
    {
        "name": "Priya Raman",
        "slug": "priya-raman",
        "job_title": "Environment reporter",
        "user": None,
        "bio": "Priya writes about the River Ravel: its wildlife, its floods and the people who "
        "farm and fish beside it. She trained as a hydrologist before switching to journalism.",
    },
    {
        "name": "Owen Pryce",
        "slug": "owen-pryce",
        "job_title": "Business reporter",
        "user": None,
        "bio": "Owen covers jobs, shops, housing and the valley's economy. He grew up above his "
        "parents' hardware shop in Alder Ferry and still knows the price of a box of screws.",
    },
    {
        "name": "Hannah Lindqvist",
        "slug": "hannah-lindqvist",
        "job_title": "Arts and culture editor",
        "user": None,
        "bio": "Hannah reviews theatre, music and books and puts together the weekly what's-on "
        "guide. Send her your listings by Wednesday.",
    },
    {
        "name": "Danny Marsh",
        "slug": "danny-marsh",
        "job_title": "Sports reporter",
        "user": None,
        "bio": "Danny covers football, rowing, running and anything else played in or beside "
        "the valley. He still turns out, slowly, for Millbrook Vets on Sunday mornings.",
    },
    {
        "name": "Ruth Adeyemi",
        "slug": "ruth-adeyemi",
        "job_title": "Community reporter",
        "user": None,
        "bio": "Ruth reports on schools, health, libraries and the lower valley from Saltmarsh "
        "End, where she lives. She also looks after the Ledger's community noticeboard.",
    },
    {
        "name": "Ledger Wire",
        "slug": "ledger-wire",
        "job_title": "Wire service",
        "user": None,
        "bio": "Regional and national news from our partner agencies, checked and edited in the "
        "Ledger newsroom.",
    },
]

# Documentation-only addresses (RFC 5737 and RFC 3849), so no real reader is ever implied.
IP_ADDRESSES = [
    "192.0.2.14",
    "198.51.100.23",
    "2001:db8::7",
    "192.0.2.88",
    "198.51.100.140",
    "2001:db8::3a",
    "192.0.2.201",
    "198.51.100.9",
]

USER_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/16.6 Mobile/15E148 Safari/604.1",
]

# "published": (days ago, "HH:MM" local time); "scheduled_in_days" for a future article;
# "updated_after": hours after publication at which the article was last edited.
ARTICLES = [
    {
        "headline": "Mill Lane Bridge to close for eight weeks as repairs begin",
        "section": "news",
        "authors": ["tom-hadley"],
        "tags": ["roads", "Millbrook", "Alder Ferry"],
        "dateline": "MILLBROOK",
        "published": (0, "07:40"),
        "dek": """Engineers will replace seized bearings and resurface the deck of the 1890s
            crossing. Drivers face a nine-mile diversion, but a temporary footbridge will stay
            open.""",
        "body": """
            Mill Lane Bridge, the iron crossing that carries about 6,000 vehicles a day between
            Millbrook and Alder Ferry, will close to traffic for eight weeks from the start of
            next month while engineers replace its bearings and resurface the deck, the county
            council has confirmed.

            A routine inspection last year found that two of the bridge's four bearings, the
            steel joints that let the span expand and contract with the weather, had seized.
            Water had also been seeping through cracks in the road surface into the ironwork
            beneath. Engineers say the bridge is safe to use today, but that the repairs cannot
            be put off for another winter.

            ## A nine-mile diversion

            Drivers will be sent north through Hatton Lock and back down the valley road, a
            detour of about nine miles. The number 14 bus will follow the same route, and Ravel
            Valley Buses has warned passengers to allow up to 20 extra minutes at peak times.
            Walkers, cyclists and wheelchair users will be able to cross on a temporary
            footbridge bolted to the downstream side of the span, open from 6am to 10pm, with
            ramps at both ends and a marshal on duty during the school runs.

            > "We know eight weeks is a long time for people who cross this bridge every day,
            and we have not taken the decision lightly," said Cllr Anil Mehta, the county
            council's cabinet member for highways. "If we wait, we risk an emergency closure
            with no notice and no footbridge. This way people can plan."

            Traders in Alder Ferry, many of whom rely on customers from the Millbrook side of
            the river, were less sure. Sunita Rao, who runs the newsagent on Ferry Street, said
            the last closure, a fortnight of resurfacing in 2016, had cost her about a fifth of
            her takings. "People get used to shopping somewhere else, and not all of them come
            back," she said.

            The work is expected to cost £1.4 million, paid for from the county's bridge
            maintenance budget. The bridge was last strengthened in 1987, when its original
            timber deck was replaced with concrete.

            The council will hold a drop-in session at Alder Ferry village hall next week, where
            residents can see the plans, check the diversion route and put their questions to
            the contractor.
        """,
        "comments": [
            {
                "name": "Gareth Pruitt",
                "email": "gpruitt@example.org",
                "status": "approved",
                "after": 1.2,
                "body": "Eight weeks of the 14 bus going round by Hatton Lock. My daughter "
                "already leaves at ten past seven for college. Could they not have done this "
                "in the school holidays?",
            },
            {
                "name": "Linda Okafor",
                "email": "l.okafor@example.com",
                "status": "pending",
                "after": 2.5,
                "body": "Good that they're keeping a footbridge open.\n\nWill it be lit? The "
                "path down to the bridge on the Alder Ferry side has no lights at all and it's "
                "pitch black by five in the winter.",
            },
            {
                "name": "Roy Dunstable",
                "email": "roy.d@example.net",
                "status": "pending",
                "after": 3.5,
                "body": "Funny how there's always money for bridges and never for the potholes "
                "on Ferry Street.",
            },
        ],
    },
    {
        "headline": "Millbrook Rowing Club win the Ravel Head for a third year running",
        "section": "sport",
        "authors": ["danny-marsh"],
        "tags": ["rowing", "River Ravel", "Millbrook"],
        "dateline": "MILLBROOK",
        "published": (1, "18:20"),
        "dek": """The men's eight beat Kingsmere University by 11 seconds on a fast, swollen
            river. Junior and novice races were moved to a shorter course for safety.""",
        "body": """
            Millbrook Rowing Club have won the Ravel Head for the third year in a row, their
            men's eight covering the four-mile course from Hatton Lock to Millbrook town bridge
            in 19 minutes and 47 seconds.

            The head race, in which crews set off one at a time and race the clock rather than
            each other, drew 86 boats from 23 clubs this year, the biggest entry in its 52-year
            history. Rowers came from as far as Kingsmere and the coast, and spectators stood
            two deep along the towpath at the finish.

            Millbrook finished 11 seconds ahead of Kingsmere University, who had been favourites
            after winning two regattas earlier in the season. Alder Ferry's veterans' eight,
            with a combined age of 461, were a popular third in their category.

            > "We went off a bit too hard and I thought we'd pay for it under the railway
            bridge," said Millbrook captain Sadie Kerr, who stroked the crew. "But the stream
            was quick after all the rain, and the lads just kept going. Three in a row is
            something none of us will forget."

            ## Fast water, tight turns

            The race very nearly did not happen. After the recent high water, the river
            authority advised organisers the day before that the stream was running too fast for
            novice crews, and the junior and novice events were moved to a shorter course below
            the lock. Safety launches were doubled, and umpires were posted at Tanner's Reach,
            the sharp bend above Millbrook where the current pushes boats towards the bank.

            Millbrook's women's four also won their division, while the club's junior sculler
            Ben Achterberg took the under-16 title on the shortened course, finishing almost
            half a minute clear of the field.

            The race has been a fixture of the valley's rowing calendar since 1972, when two
            schoolteachers started it as a way of getting crews out on the water in the dark
            months. Race secretary Graham Lowe said next year's entry would be capped at 90
            boats to keep the start at Hatton Lock manageable.
        """,
    },
    {
        "headline": "River Ravel reaches highest level in a decade after three days of rain",
        "section": "environment",
        "authors": ["priya-raman", "ruth-adeyemi", "ledger-wire"],
        "tags": ["flooding", "River Ravel", "weather", "Hatton Lock"],
        "dateline": "HATTON LOCK",
        "published": (3, "06:15"),
        "updated_after": 4.5,
        "dek": """Flood wardens went door to door in Hatton Lock overnight as the river peaked
            just below the lock-keeper's cottage. No homes were flooded, but two roads remain
            closed.""",
        "body": """
            The River Ravel rose to its highest level in a decade overnight after three days of
            almost constant rain, peaking less than a foot below the wall of the lock-keeper's
            cottage at Hatton Lock before it began to fall in the early hours.

            Flood wardens went door to door along Towpath Row and Canal Street from about 10pm,
            handing out sandbags and advising around 40 households to move valuables and cars
            to higher ground. No homes were flooded, according to the district council, though
            several gardens and two allotment sites were under water by midnight.

            The gauge at Hatton Lock recorded a peak of 3.62 metres, the highest reading since
            2014 and about 1.9 metres above its usual winter level. Further downstream, the river
            spilled across the water meadows between Millbrook and Alder Ferry, which are
            designed to flood and hold water back from the towns.

            > "The meadows did exactly what they are there to do," said Marcus Hale, the
            district council's emergency planning officer. "Without them we would be talking
            about water in people's kitchens in Millbrook this morning."

            ## Roads still closed

            Two roads remained shut this morning, and the council asked drivers not to ignore
            closure signs:

            - The B4410 between Hatton Lock and Coldharbour, where the road dips under the
            railway bridge.
            - Meadow Lane in Millbrook, from the rugby club to the sewage works.

            Sandbags are still available from the fire station in Hatton Lock and from the
            council depot on Station Road in Millbrook. The river authority said water draining
            off the hills would keep levels high for several days, even though forecasters
            expect a drier spell.

            Alan Briggs, who has been lock-keeper at Hatton Lock for 22 years, spent the night
            watching the water creep up the steps of his cottage. "I've seen it higher, but not
            often," he said. "My wife was packing the photo albums by one o'clock."

            <em>This article was updated with the latest river levels and road closures.</em>
        """,
        "comments": [
            {
                "name": "Pam Whitlow",
                "email": "pam.whitlow@example.org",
                "status": "approved",
                "after": 2,
                "body": "Huge thanks to the flood wardens who knocked on our door at eleven at "
                "night. They were soaked through and still cheerful. Towpath Row owes you a "
                "drink.",
            },
            {
                "name": "Martin Keel",
                "email": "mkeel@example.com",
                "status": "approved",
                "after": 5,
                "body": "Those water meadows are worth their weight in gold. Worth remembering "
                "the next time someone suggests building on them.",
            },
            {
                "name": "S. Rahman",
                "email": "srahman@example.net",
                "status": "approved",
                "after": 9,
                "body": "Is the B4410 open again yet? The council website still says closed "
                "but a neighbour drove through this morning.",
            },
            {
                "name": "Jo Tennant",
                "email": "jo.tennant@example.org",
                "status": "approved",
                "after": 20,
                "body": "We moved to Canal Street last year and had no idea we were in a flood "
                "area.\n\nFor anyone else in the same boat: the district council will send a "
                "flood warden round to talk you through it. Ask for a household flood plan, "
                "it's free.",
            },
            {
                "name": "Best Flood Insurance Deals",
                "email": "deals4u@example.net",
                "url": "http://cheap-insurance-quotes.example.net/",
                "status": "spam",
                "after": 26,
                "body": "FLOODED?? Get CHEAP home insurance quotes in 60 seconds!!! No checks, "
                "instant cover, best prices GUARANTEED. Click here >>> "
                "http://cheap-insurance-quotes.example.net/offer?ref=ledger",
            },
        ],
    },
    {
        "headline": "Wenham Weir by-election: three candidates, and one question about buses",
        "section": "politics",
        "authors": ["tom-hadley", "maya-okonkwo"],
        "tags": ["elections", "buses", "Wenham Weir"],
        "dateline": "WENHAM WEIR",
        "published": (4, "08:00"),
        "dek": """Voters choose a new district councillor next week. The candidates agree on
            more than they disagree, but on every doorstep the talk turns to the last bus
            home.""",
        "body": """
            Voters in the Wenham Weir ward of Ravel Valley District Council go to the polls next
            week, in a by-election caused by the death of Cllr Norman Ashby, who represented the
            village for 18 years.

            Three candidates are standing, and between them they agree on a surprising amount:
            the need for homes that local people can afford, a safer crossing outside the
            primary school, and better upkeep of the riverside path. But on the doorstep, they
            all say, one subject comes up more than any other: the bus.

            Since the 22 service was cut from hourly to four times a day last year, Wenham Weir
            has had no bus after 3.40pm and none at all on Sundays. In a village where one
            household in five has no car, residents say that has meant lost jobs, missed
            hospital appointments and teenagers who cannot get to college.

            ## The candidates

            - Claire Benning (Independent), 52, a practice nurse who has led the campaign to
            restore the bus service.
            - Douglas Harrow (Residents' Association), 67, a retired farmer and parish
            councillor.
            - Raj Sethi (Valley First), 38, a software developer and school governor who moved
            to the village six years ago.

            Ms Benning, who collected 1,100 signatures on a petition to the county council,
            wants the district to help fund a community minibus. "People have been told for a
            year that nothing can be done," she said. "I don't accept that." Mr Sethi favours an
            on-demand bus that residents could book by phone or app, an idea being tried in
            other rural areas.

            > "Whoever wins, one councillor out of 42 is not going to bring the bus back on
            their own," said Mr Harrow. "What they can do is make a nuisance of themselves until
            somebody listens."

            Turnout in district by-elections is often low: at the last one in the valley, in
            Saltmarsh End two years ago, fewer than one voter in four took part. Polling
            stations at the village hall and the Methodist chapel will be open from 7am to 10pm,
            and the Ledger will publish the result as soon as it is declared.
        """,
        "comments": [
            {
                "name": "Colin Barras",
                "email": "c.barras@example.org",
                "status": "approved",
                "after": 2,
                "body": "Good to see the bus getting the attention it deserves. I'm 78 and gave "
                "up my car last year. Since the 22 was cut I can get to Millbrook but I can't "
                "get home after twenty to four.",
            },
            {
                "name": "Naomi Fletcher",
                "email": "nfletcher@example.net",
                "status": "approved",
                "after": 5,
                "body": "Whoever wins, please do something about the crossing outside the "
                "school before somebody gets hurt.",
            },
            {
                "name": "Wenham Resident",
                "email": "wr1984@example.com",
                "status": "rejected",
                "after": 9,
                "body": "Don't vote for any of them. Harrow is past it, Benning is a busybody "
                "and the other one is an idiot.",
            },
            {
                "name": "Tom Farrant",
                "email": "tfarrant@example.org",
                "status": "approved",
                "after": 22,
                "body": "Useful piece, thank you. Does anyone know if it's too late to apply "
                "for a postal vote?",
            },
        ],
    },
    {
        "headline": "Millbrook council backs budget with a council tax rise of almost 4%",
        "section": "politics",
        "authors": ["tom-hadley"],
        "tags": ["Millbrook", "council tax", "budget"],
        "dateline": "MILLBROOK",
        "published": (5, "21:35"),
        "dek": """The increase adds about £4.10 a year to a typical bill and pays for parks, longer
            toilet opening hours and the Christmas lights. The opposition wanted a freeze.""",
        "body": """
            Millbrook Town Council has approved a budget that will raise its share of council
            tax by 3.9 per cent, adding about £4.10 a year to the bill for a typical Band D home.

            The rise, agreed by 11 votes to five after a debate of more than two hours, will pay
            for a second full-time groundsman for the town's parks, longer opening hours at the
            public toilets in the market square, and a grant to keep the Christmas lights going
            after the traders' association said it could no longer cover the cost alone.

            ## Where the money goes

            Of the council's £1.2 million budget for the coming year, the largest items are:

            - Parks, playgrounds and the riverside walk: £412,000
            - Staff, offices and running the council itself: £301,000
            - The market square, public toilets and street cleaning: £238,000
            - Grants to community groups, including the youth club and the food bank: £96,000

            Cllr Martin Oyelaran, who chairs the finance committee, said the council had saved
            £38,000 by sharing offices with the library and renegotiating its energy contract,
            and that the increase was below the rise in the cost of the services it runs.

            > "Nobody stands up in that chamber and enjoys putting up bills," he said. "But
            people told us in the consultation that the parks and the toilets matter to them,
            and you cannot run either on goodwill."

            The opposition group proposed a freeze, paid for by drawing £50,000 from the
            council's reserves. Cllr Fiona Strand, who leads the group, said the reserves stood
            at more than twice the level recommended by the council's auditors. "This is money
            residents have already paid," she said. "It should be working for them, not sitting
            in a bank account." Her amendment was defeated by the same margin.

            The town council's share is a small part of the overall bill; most of it goes to the
            county and district councils, which set their own budgets separately. The budget
            also sets aside £20,000 for a study into a new public slipway by the rowing club, an
            idea that has been talked about for at least a decade.
        """,
        "comments": [
            {
                "name": "Derek Follows",
                "email": "dfollows@example.com",
                "status": "approved",
                "after": 3,
                "body": "£4.10 a year for toilets in the market square that are actually open? "
                "Take my money. Last summer they were shut by four most days.",
            },
            {
                "name": "Anne-Marie Coles",
                "email": "amcoles@example.org",
                "status": "approved",
                "after": 6,
                "body": "Cllr Strand has a point about the reserves though. If the auditors say "
                "half would do, why are we sitting on the other half while putting up bills?",
            },
            {
                "name": "TruthTeller99",
                "email": "truthteller99@example.net",
                "status": "rejected",
                "after": 7,
                "body": "Every one of these councillors should be voted out. Bunch of crooks "
                "lining their own pockets, the lot of them.",
            },
            {
                "name": "Graham Stiles",
                "email": "g.stiles@example.com",
                "status": "pending",
                "after": 30,
                "body": "Does anyone know whether the slipway study will look at the old site "
                "by the boathouse, or somewhere new?",
            },
        ],
    },
    {
        "headline": "Late trains to be added on the valley line from the next timetable change",
        "section": "news",
        "authors": ["ledger-wire"],
        "tags": ["rail", "transport"],
        "dateline": "KINGSMERE",
        "published": (6, "11:05"),
        "dek": """Two extra evening services in each direction will run for a two-year trial.
            Campaigners welcomed the news but say Millbrook station still needs a lift.""",
        "body": """
            Passengers on the Ravel Valley line will get two extra late-evening trains in each
            direction from the next timetable change, the rail operator Westmarch Rail has
            announced.

            The last train from Kingsmere to Saltmarsh End currently leaves at 21:48, which
            passengers and businesses have long said makes it impossible to use the line for an
            evening out or a late shift in the city. Under the new timetable, trains will also
            leave Kingsmere at 22:50 and 23:35, calling at Coldharbour, Hatton Lock, Millbrook
            and Alder Ferry. Two extra journeys will leave Saltmarsh End at 22:10 and 23:00.

            Westmarch Rail said the change followed a survey of more than 3,000 passengers, in
            which later trains were the most requested improvement, ahead of more seats at peak
            times.

            > "We have heard loud and clear that people in the valley want to use the train for
            more than getting to work," said Philippa Grange, Westmarch Rail's regional
            director. "These services are a trial, and how many people use them will decide
            whether they stay."

            The trains will be paid for by the operator and the regional transport authority for
            two years. The operator said they would need an average of about 60 passengers a
            journey to be kept beyond that.

            ## Work still to do

            The Ravel Valley Rail Users' Group welcomed the news but pointed out that there is
            still no train before 7am on Sundays, and that the footbridge at Millbrook station
            has no lift, leaving the Kingsmere-bound platform out of reach for wheelchair users.
            The operator said a lift at Millbrook was on a list of accessibility improvements
            submitted for government funding, but that it had no date for the work.

            Theatres and restaurants in Kingsmere said the later trains could make a real
            difference to their trade, as many shows finish after 22:00, leaving valley
            residents who came by train with no way home but a taxi.
        """,
    },
    {
        "headline": "Hollis's Bakery to close after 61 years in Alder Ferry",
        "section": "business",
        "authors": ["owen-pryce"],
        "tags": ["Alder Ferry", "small business", "high street"],
        "dateline": "ALDER FERRY",
        "published": (7, "09:30"),
        "dek": """June and Peter Hollis are retiring after failing to find a buyer. Energy bills
            played a part, they say, but mostly it is time for a lie-in.""",
        "body": """
            Hollis's Bakery, which has sold bread, pies and iced buns from the same corner of
            Ferry Street since 1964, will close for the last time at the end of next month, its
            owners have announced.

            June and Peter Hollis, who took over the business from Peter's parents in 1991, said
            they had decided to retire after failing to find a buyer. A notice taped inside the
            front window, thanking customers "for three generations of custom and a great deal
            of gossip", drew a small crowd on the morning it went up.

            The couple said rising energy bills had played a part: the bakery's two ovens are
            lit at 4am six days a week, and the electricity bill has more than doubled in three
            years. But Mrs Hollis, 66, said the main reason was simpler.

            > "Peter's back is gone and my knees are going," she said. "We've been getting up at
            half past three since before some of our customers were born. We'd like to see a
            sunrise from the other side for a change."

            ## "The heart of the street"

            The bakery is one of the last independent food shops on Ferry Street, which has lost
            a butcher, a greengrocer and a bank branch in the past ten years. Sunita Rao, who
            runs the newsagent two doors down, said the Saturday queue outside Hollis's brought
            trade to every shop on the street. Lewis Amos, chair of the Alder Ferry Traders'
            Group, said the group would help the family find a tenant who would keep the
            building as a food business.

            For many in the village the news was personal. Customers recalled wedding and
            christening cakes, and the primary school has bought its sports day buns from
            Hollis's for as long as anyone can remember.

            Mr Hollis said he would keep the recipe for the bakery's best-known product, a lardy
            cake sold only on Fridays, to himself. "I might give it to the right buyer," he
            said. "I might take it with me."
        """,
        "comments": [
            {
                "name": "Sheila Barnaby",
                "email": "sheila.b@example.org",
                "status": "approved",
                "after": 1,
                "body": "Heartbroken. Hollis's made our wedding cake in 1983 and our "
                "daughter's in 2015. Thank you June and Peter, and enjoy those lie-ins.",
            },
            {
                "name": "Kwame Asante",
                "email": "kasante@example.com",
                "status": "approved",
                "after": 3,
                "body": "Friday lardy cake was the best thing about living in Alder Ferry. "
                "Peter, please leave the recipe with somebody!",
            },
            {
                "name": "Ellie Fairbairn",
                "email": "ellie.f@example.net",
                "status": "approved",
                "after": 5,
                "body": "I had a Saturday job there when I was fifteen. June taught me to count "
                "change without a till and to tap the bottom of a loaf to hear if it's done. "
                "Thirty years later I still do both.",
            },
            {
                "name": "Pete Lowndes",
                "email": "p.lowndes@example.org",
                "status": "approved",
                "after": 8,
                "body": "Sad, but who can blame them. Bills like that would finish off anyone "
                "with two ovens going from four in the morning.\n\nLet's hope someone young "
                "takes it on and keeps it a bakery.",
            },
            {
                "name": "Maureen Hale",
                "email": "maureen.hale@example.com",
                "status": "approved",
                "after": 26,
                "body": "Sports day buns! Forty years of them. The school should give them a "
                "proper send-off.",
            },
            {
                "name": "Bev Oakley",
                "email": "bev.oakley@example.net",
                "status": "pending",
                "after": 50,
                "body": "Does anyone know if they're still taking cake orders before they "
                "close? Our grandson's christening is in five weeks.",
            },
        ],
    },
    {
        "headline": "Review: The Lock-Keeper's Daughter at Millbrook Playhouse",
        "section": "culture",
        "authors": ["hannah-lindqvist"],
        "tags": ["theatre", "reviews", "Millbrook"],
        "dateline": "",
        "published": (8, "16:45"),
        "dek": """Agnes Tull's first play is a tender, funny story about a family and a river
            that will not stay still. It deserves a longer run.""",
        "body": """
            There is a moment early in the second act of <em>The Lock-Keeper's Daughter</em>
            when the whole audience at Millbrook Playhouse seems to hold its breath. Nell, the
            title character, stands at the lock gates in the rain, waiting for a boat that we
            already know is not coming. Nobody moves. It is the best kind of silence, and it is
            earned.

            Agnes Tull's first play, staged by the Playhouse's own company, is set at a lock very
            like the one at Hatton Lock, between 1952 and 1963. Nell (Freya Dunn) grows up
            helping her father (Martin Kell), a lock-keeper who knows every boatman on the river
            and cannot talk to his own daughter. When the canal trade begins to die and the lock
            is threatened with closure, both of them have to decide what they are keeping, and
            why.

            ## A family drama with a river running through it

            Tull, who taught English at Millbrook High School for 30 years, has an excellent
            ear for the way people in the valley talk, and for what they leave unsaid. The
            comedy is gentle and local (a running joke about the district council's planning
            department got the biggest laugh of the night) but never patronising.

            Dunn is outstanding as Nell, ageing from 12 to 23 without a change of costume, only
            of posture and voice. Kell gives the father a stubbornness that is maddening and, by
            the end, heartbreaking. Olu Bankole is a delight as a boatman with a new story every
            time he comes through the lock.

            > "A river doesn't ask you to love it. It asks you to turn up."

            The production is not perfect. The first act is slow to get going, and a subplot
            about a stolen horse could go entirely. Ruth Vane's set, a working lock gate that
            swings across the stage, is ingenious, but the scene changes are clunky and sapped
            the pace on the night I went.

            These are small complaints. <em>The Lock-Keeper's Daughter</em> runs until the end
            of the month, and on this evidence it deserves a longer life, on bigger stages, well
            beyond the valley.
        """,
    },
    {
        "headline": "Coldharbour folk festival returns with a bigger stage and cheaper tickets",
        "section": "culture",
        "authors": ["hannah-lindqvist"],
        "tags": ["festivals", "music", "Coldharbour"],
        "dateline": "COLDHARBOUR",
        "published": (9, "12:10"),
        "dek": """Weekend tickets for the festival's 30th year will cost £10 less than last time,
            thanks to a brewery sponsor and a decision to run the bars itself.""",
        "body": """
            The Coldharbour Folk Festival will return to the village recreation ground for its
            30th year with a covered main stage, a family camping field and, unusually for a
            festival these days, cheaper tickets than last time.

            Organisers announced the line-up at a packed meeting in the Fleece Inn, where the
            festival began in 1995 as an afternoon of music in the pub garden. It now draws
            about 4,000 people over three days, most of them from outside the valley.

            A weekend ticket will cost £85, down from £95, with under-16s free when accompanied
            by an adult. Festival director Rosa Pengelly said the cut had been paid for by a
            three-year sponsorship deal with a local brewery and by the festival's decision to
            run its own bars rather than hire contractors.

            > "Every year we heard from families who had come since they were children and
            couldn't afford to bring their own kids," she said. "We're a folk festival. If the
            people whose songs we're singing can't get through the gate, we've lost the point."

            ## Who's playing

            Headliners include the Kingsmere fiddle band The Long Acre; singer Maddie Fenn, whose
            debut album of songs about the Ravel valley was recorded in a barn near Hatton Lock;
            and a reunion of the Coldharbour Morris Men, who have not danced together since
            2019. About a third of the acts are from within 20 miles.

            The new main stage, a steel-framed marquee that holds 1,500 people, replaces an open
            stage that had to be abandoned twice in five years because of storms. The smaller
            Orchard Stage will host workshops, ceilidh dancing and a children's programme run by
            the village school.

            Not everyone is celebrating. A handful of residents on Church Lane, which borders
            the site, have asked the district council to review the festival's licence after
            complaints about late-night noise. Ms Pengelly said music on the main stage would
            now finish at 11pm, half an hour earlier than before. Tickets go on sale online and
            at Coldharbour post office next week.
        """,
    },
    {
        "headline": "Alder Ferry Athletic hold league leaders to a goalless draw",
        "section": "sport",
        "authors": ["danny-marsh"],
        "tags": ["football", "Alder Ferry", "Hatton Lock"],
        "dateline": "ALDER FERRY",
        "published": (10, "17:55"),
        "dek": """A disciplined defensive display ended Hatton Lock United's run of nine straight
            wins and lifted Athletic out of the bottom three.""",
        "body": """
            Alder Ferry Athletic held Valley League leaders Hatton Lock United to a goalless draw
            at the Meadow Ground, ending the visitors' run of nine straight wins and giving the
            home side's survival hopes a welcome lift.

            In front of a crowd of 312, the biggest at the Meadow this season, Athletic defended
            deep and with real discipline, and could have stolen all three points in the final
            minute when substitute Kieran Doyle's header from a corner was cleared off the line.

            United, who have scored 41 goals in 16 league games, had most of the ball but few
            clear chances. Their top scorer, Jordan Mace, was kept quiet by Athletic's
            centre-backs, Lee Harker and 17-year-old Tomasz Nowak, who was making only his third
            start for the first team. Goalkeeper Sam Oyedele made three fine saves in the first
            half, the best a diving stop to his left from Mace's 25-yard free kick.

            > "I'm proud of them," said Athletic manager Kev Dunmore. "We knew we'd have to
            suffer, and we suffered well. Tomasz played like he'd been doing it for ten years."

            United manager Paula Greaves was philosophical. "They made it hard for us, and fair
            play to them," she said. "We didn't do enough to win it. There's a long way to go."

            ## Table tightens at both ends

            The draw leaves United four points clear at the top, with Kingsmere Rovers second.
            Athletic climb out of the bottom three for the first time in two months, and their
            next match is away at Coldharbour, who sit one place below them. Dunmore said that
            game was "more important than this one, to be honest".

            The club also thanked the volunteers who spent the morning forking water off the
            pitch after the week's rain. Without them, the referee said, the match would almost
            certainly have been called off.
        """,
    },
    {
        "headline": "Hatton Lock library to open on Sundays after volunteers step in",
        "section": "news",
        "authors": ["ruth-adeyemi"],
        "tags": ["libraries", "Hatton Lock", "volunteers"],
        "dateline": "HATTON LOCK",
        "published": (11, "10:20"),
        "dek": """A six-month trial will open the library on Sunday afternoons for the first time
            in its 70-year history, staffed by volunteers alongside a paid librarian.""",
        "body": """
            Hatton Lock library will open on Sunday afternoons for the first time in its 70-year
            history, after a group of volunteers offered to help staff it alongside the county's
            library service.

            From next month the library on Bridge Street will open from 1pm to 4pm every
            Sunday, with two volunteers and one paid member of staff on duty. The county
            council, which cut the library's hours from 40 to 28 a week in 2020, agreed to the
            trial after the Friends of Hatton Lock Library raised £6,000 to cover heating,
            lighting and a caretaker.

            Bernard Quayle, a retired postman who chairs the Friends, said the idea came from
            parents who told the group the library was closed at the only times they were free
            to bring their children.

            > "Saturday is football and swimming and everything else," he said. "Sunday
            afternoon is when families actually sit down together. If the library is open, it
            gives them somewhere warm and free to go."

            The 24 volunteers signed up so far have been trained by library staff to help
            visitors use the computers, find books and join the library. Under an agreement with
            the union, they will not take on work done by paid staff, such as running the
            children's story sessions.

            ## A test for other towns

            The county says it will look at visitor numbers at the end of the trial before
            deciding whether to keep Sunday opening and try it elsewhere. Libraries in
            Coldharbour and Saltmarsh End have also had their hours cut in recent years. Cllr
            Helen Forde, the county's cabinet member for communities, said the council was
            "grateful and a little humbled" by the response, and saw volunteers as a way of
            doing more, not as a replacement for professional librarians.

            The librarians' union welcomed the longer hours but warned against relying on
            unpaid help. "Goodwill is wonderful, but it is not a staffing plan," a spokesperson
            said. The first Sunday opening will be marked with a reading by children's author
            Poppy Wren, who grew up in the town.
        """,
    },
    {
        "headline": "School bus cut leaves Saltmarsh End pupils facing a two-mile walk",
        "section": "news",
        "authors": ["ruth-adeyemi"],
        "tags": ["schools", "buses", "Saltmarsh End"],
        "dateline": "SALTMARSH END",
        "published": (12, "07:50"),
        "dek": """The county says the route to Alder Ferry Academy is short enough, and safe
            enough, to walk. Parents say the unlit lane with no pavement is neither.""",
        "body": """
            Parents in Saltmarsh End have started a petition after the county council said it
            will withdraw the free school bus that takes about 30 pupils to Alder Ferry Academy,
            leaving many of them facing a two-mile walk along an unlit country lane.

            The council says a review of school transport found that the walking route from the
            village is just under the three-mile limit above which it must provide free
            transport for secondary pupils, and that the route has been assessed as safe. The
            bus will stop running at the end of the current term.

            Parents dispute both points. The quickest way on foot is along Marsh Lane, a narrow,
            winding road with no pavement, no street lights and a 60mph limit, used by tractors
            and by lorries heading for the quarry. The alternative, along the sea wall, floods
            at the highest tides.

            > "They've measured it with a ruler on a map," said Kerry Walsh, whose two children
            take the bus. "I'd invite anyone from the council to walk Marsh Lane at half past
            seven on a dark morning, in the rain, with a bag full of books."

            ## Council says it must follow the rules

            The county council said it had a legal duty to provide transport only where it was
            required, and that school transport costs had risen by more than 30 per cent in
            three years. Families could still pay for a seat if enough pupils signed up to keep
            the bus running, a spokesperson said, at about £480 a year per child.

            Parents say that is beyond many families in the village, where wages are low and the
            nearest supermarket is in Alder Ferry. The petition, which has more than 700
            signatures, asks the council to carry out a new safety assessment of Marsh Lane, in
            daylight and in darkness.

            Daniel Osei, head teacher of Alder Ferry Academy, said the school was "deeply
            concerned" and had written to the council. Cllr Moira Lund, the county councillor
            for the lower valley, said she would ask for the decision to be reviewed.
        """,
        "comments": [
            {
                "name": "Donna Pryor",
                "email": "donna.pryor@example.org",
                "status": "approved",
                "after": 2,
                "body": "I drive Marsh Lane every morning to work. It is not safe to walk. "
                "There are blind bends every few hundred yards and the quarry lorries do not "
                "slow down.",
            },
            {
                "name": "Mark Ibbotson",
                "email": "m.ibbotson@example.com",
                "status": "approved",
                "after": 6,
                "body": "Signed the petition.\n\nAlso worth writing to your county councillor "
                "directly. A letter from a parent carries more weight than people think.",
            },
            {
                "name": "Rachel Denton",
                "email": "rdenton@example.net",
                "status": "approved",
                "after": 11,
                "body": "£480 a year per child. With two children that's nearly a thousand "
                "pounds to get them to the school the council sent them to.",
            },
            {
                "name": "Neil Cawthorne",
                "email": "ncawthorne@example.org",
                "status": "pending",
                "after": 60,
                "body": "When I was at school we walked further than two miles and it did us no "
                "harm.",
            },
        ],
    },
    {
        "headline": "Otters are breeding on the upper Ravel for the first time in 40 years",
        "section": "environment",
        "authors": ["priya-raman"],
        "tags": ["wildlife", "River Ravel", "Coldharbour"],
        "dateline": "COLDHARBOUR",
        "published": (13, "13:15"),
        "dek": """A survey by the Ravel Rivers Trust found signs of otters at 17 of 25 sites, and
            a camera trap filmed a mother with two cubs near Coldharbour mill.""",
        "body": """
            Otters are breeding on the upper River Ravel for the first time in at least 40
            years, according to a survey by the Ravel Rivers Trust.

            Volunteers found fresh droppings, footprints and the remains of meals at 17 of 25
            sites between Coldharbour and Hatton Lock during a four-month survey, and a camera
            trap near the old mill at Coldharbour filmed a female with two cubs crossing the
            weir at dawn. The same survey, carried out in 1986, found no sign of otters above
            Millbrook at all.

            Dr Imogen Tate, the trust's ecologist, said the return was the reward for decades of
            work to clean up the river. Otters were driven out of much of the country in the
            second half of the last century by pesticides that built up in the fish they ate,
            and by the loss of the bankside trees and scrub where they make their dens.

            > "Otters sit at the top of the food chain, so they tell you a lot," she said. "If
            they are breeding here, there are enough fish, and the water is clean enough for
            those fish to thrive. It is the best news we have had about this river in a long
            time."

            ## How you can help

            The trust is asking people who use the river to help it keep track of the otters
            without disturbing them:

            - Report sightings, with the place and time, through the trust's website.
            - Keep dogs on leads along the stretch above Coldharbour mill, where the den is
            thought to be.
            - Do not go looking for the den: otters will abandon one that is disturbed.

            Anglers have welcomed the news, with some caution: otters eat fish, and some
            fisheries downstream have fenced their lakes. Carol Nye, secretary of the Millbrook
            Angling Association, said her members were "mostly delighted", and that a healthy
            river should be able to support both. The trust will repeat the survey next year.
        """,
        "comments": [
            {
                "name": "Mike Rennard",
                "email": "mike.rennard@example.org",
                "status": "approved",
                "after": 4,
                "body": "Wonderful news. For anyone who wants to know what to look for, the "
                "trust's guide to otter signs is very good: "
                "https://ravelrivers.example.org/otters/signs\n\nOtter droppings are supposed "
                "to smell of jasmine tea. I can confirm this is true.",
            },
            {
                "name": "Beth Morley",
                "email": "bmorley@example.com",
                "status": "approved",
                "after": 10,
                "body": "I saw one at dusk below the mill in Coldharbour and assumed it was a "
                "mink. Now I'm kicking myself for not reporting it.",
            },
            {
                "name": "Lucky River Casino",
                "email": "promo@example.com",
                "url": "http://win-big.example.com/",
                "status": "spam",
                "after": 30,
                "body": "nice article!!! i like otters too. Get 500 FREE SPINS today at LUCKY "
                "RIVER CASINO, no deposit needed, withdraw instantly >>> "
                "http://win-big.example.com/free-spins",
            },
        ],
    },
    {
        "headline": "Former tannery in Millbrook sold for homes and riverside workshops",
        "section": "business",
        "authors": ["owen-pryce"],
        "tags": ["housing", "Millbrook", "planning"],
        "dateline": "MILLBROOK",
        "published": (15, "08:40"),
        "dek": """A Kingsmere builder plans 120 homes on the long-empty site, a third of them
            affordable, and will keep the Victorian drying sheds as studios.""",
        "body": """
            The former Ravel Tannery, empty since the last hides left in 2003, has been sold to a
            developer that plans to build 120 homes and a row of riverside workshops on the
            site.

            Lowfield Homes, a builder based in Kingsmere, bought the five-acre site from the
            district council for an undisclosed sum. The company said about 40 of the homes
            would be offered at below-market rents or for shared ownership, and that the
            Victorian drying sheds along the river would be kept and turned into workshops and
            studios for small businesses.

            The tannery once employed more than 300 people and gave Millbrook a smell that older
            residents still talk about. Since it closed, it has become one of the town's
            best-known eyesores. Two earlier schemes, in 2008 and 2015, collapsed when
            developers found that cleaning up the contaminated ground would cost far more than
            they expected.

            ## Cleaning up first

            Karen Oduya, Lowfield's managing director, said the company had spent a year testing
            the soil before agreeing to buy, and had set aside £3 million to remove chromium and
            other chemicals left behind by a century of leather-making.

            > "We've learned from the people who tried before us," she said. "The ground is the
            hard part. Once that's done, this is one of the best sites in the valley: flat, on
            the river, ten minutes' walk from the station."

            The plans still need planning permission, and the company expects to apply after a
            public consultation. Some residents have raised concerns about traffic on Tanner's
            Lane, a narrow road that is the only way into the site. The Millbrook Civic Society
            welcomed the decision to keep the drying sheds, which it calls the finest industrial
            buildings in the valley.

            Ted Lyle, 81, worked at the tannery for 34 years, starting as a 15-year-old
            apprentice. "It's been sad, walking past it all these years," he said. "If young
            families can live there, that's a better end than falling down."
        """,
        "comments": [
            {
                "name": "Judith Amery",
                "email": "j.amery@example.com",
                "status": "approved",
                "after": 3,
                "body": "My father worked there too. On a hot day you could smell it from the "
                "station. So glad they're keeping the drying sheds, they're beautiful when the "
                "evening light catches them.",
            },
            {
                "name": "Ian Gorton",
                "email": "igorton@example.org",
                "status": "approved",
                "after": 7,
                "body": "Tanner's Lane can barely take two cars passing now. 120 homes means "
                "200-odd more cars. Where is the second way in going to be?",
            },
            {
                "name": "Lowri Evans",
                "email": "lowri.evans@example.net",
                "status": "approved",
                "after": 40,
                "body": "40 affordable homes out of 120 is a good start. My partner and I both "
                "work in Millbrook and can't afford to rent here. We'll be watching for the "
                "consultation.",
            },
        ],
    },
    {
        "headline": "Farmers and anglers agree plan to fence cattle back from the Ravel",
        "section": "environment",
        "authors": ["priya-raman", "owen-pryce"],
        "tags": ["farming", "River Ravel", "water quality"],
        "dateline": "MILLBROOK",
        "published": (17, "14:00"),
        "dek": """Twelve farms will fence 14 miles of riverbank and put in drinking troughs, in a
            deal both sides say would have been unthinkable five years ago.""",
        "body": """
            Farmers and anglers on the River Ravel, who have spent years blaming each other for
            the state of the river, have signed up to a joint plan to fence cattle back from its
            banks and cut the amount of soil and manure washing into the water.

            Under the scheme, 12 farms between Hatton Lock and Alder Ferry will put up about 14
            miles of fencing, set back at least five metres from the river, and install troughs
            and solar-powered pumps so that livestock can drink without wading in. The £640,000
            cost will be shared between a government environment grant, the Ravel Rivers Trust
            and the farmers themselves.

            Cattle trampling the banks are one of the main reasons parts of the Ravel are
            failing water quality targets. Eroded banks send silt downstream, where it smothers
            the gravel beds that trout need to spawn, and manure feeds the algae that turn the
            slower stretches green in summer.

            > "For years the anglers thought we were wrecking the river, and we thought they
            wanted to tell us how to farm," said Alun Bevan, who keeps 200 beef cattle near
            Millbrook and chairs the Ravel Valley Farmers' Group. "Turns out we both want the
            same thing: a river in good nick and a living we can make beside it."

            ## Eighteen months in the making

            The deal was worked out over 18 months of meetings, many of them, both sides say, in
            the back room of the Plough at Millbrook. Carol Nye, secretary of the Millbrook
            Angling Association, said the turning point came when farmers and anglers walked the
            river together and counted the places where the banks had collapsed.

            The fenced strips will be planted with native trees and shrubs, which will shade the
            water, keep it cool and give cover to wildlife. Some farmers will be paid for the
            grazing they give up.

            Not every landowner has joined: the scheme covers about 60 per cent of the farmed
            bank on that stretch, and the trust hopes others will sign up once they see the
            results. The first fences are expected to go up within weeks.
        """,
    },
    {
        "headline": "Inquest opens into death of kayaker at Wenham Weir",
        "section": "news",
        "authors": ["ruth-adeyemi"],
        "tags": ["inquests", "Wenham Weir", "River Ravel"],
        "dateline": "KINGSMERE",
        "published": (19, "15:30"),
        "comment_policy": "closed",
        "dek": """Tom Ellery, 29, was an experienced paddler. The coroner adjourned the hearing to
            allow the river authority and police to complete their inquiries.""",
        "body": """
            An inquest has opened into the death of a kayaker who got into difficulty below
            Wenham Weir on the River Ravel.

            Tom Ellery, 29, a physiotherapist from Kingsmere, was paddling alone when his kayak
            capsized below the weir, the coroner's court in Kingsmere heard. He was pulled from
            the water by a passer-by and treated by paramedics at the scene, but was pronounced
            dead at Kingsmere General Hospital.

            Coroner's officer Janet Reece told the brief hearing that Mr Ellery had been a
            member of a canoe club in Kingsmere for ten years and was an experienced paddler.
            The river had been running high after heavy rain in the days before his death.

            The senior coroner, Andrew Whitcombe, opened and adjourned the inquest to allow the
            river authority and the police to complete their inquiries. A full hearing is
            expected later in the year.

            > "Tom was kind, funny and adventurous, and he loved being on the water more than
            anywhere else," his family said in a statement. "We are grateful to everyone who
            tried to help him, and we ask for privacy as we grieve."

            ## Calls for warning signs

            Wenham Weir, a stepped weir built in the 1850s, creates a powerful recirculating
            current at its foot that can hold a boat or a swimmer under the water. Two other
            people have died there in the past 15 years.

            The parish council has renewed its call for clearer warning signs and a portage path
            so that paddlers can carry their boats around the weir, rather than shooting it or
            climbing out on the slippery stonework. The river authority said it would review
            safety at the site as part of its investigation.

            Paddling clubs advise anyone going out on the river to check the levels before
            setting off, to avoid paddling alone, and to carry their boat around weirs unless
            they know them well.
        """,
    },
    {
        "headline": "County proposes merging Alder Ferry and Hatton Lock recycling centres",
        "section": "politics",
        "authors": ["tom-hadley"],
        "tags": ["recycling", "county council", "Alder Ferry", "Hatton Lock"],
        "dateline": "ALDER FERRY",
        "published": (21, "10:45"),
        "dek": """One new site near Millbrook would save £300,000 a year, the county says. People
            at both ends of the valley fear longer trips and more fly-tipping.""",
        "body": """
            The county council wants to close the household recycling centres at Alder Ferry and
            Hatton Lock and replace them with a single, larger site on the edge of Millbrook,
            under proposals published for consultation.

            Both centres are more than 40 years old, and the council says they are too small for
            the number of people who now use them. Queues at Alder Ferry regularly stretch back
            onto the main road at weekends, and neither site takes mattresses or plasterboard,
            which residents currently have to drive to Kingsmere to get rid of.

            The new centre would be built on council land next to the Millbrook depot on Station
            Road, with a split-level design so that people can drop things into skips without
            climbing steps. It would take more kinds of waste, open later on summer evenings, and
            include a reuse shop selling furniture, bikes and tools that are still in good
            condition. Running one site instead of two would save about £300,000 a year, the
            council says, paying back the £4.5 million building cost within 15 years.

            > "Nobody likes losing something on their doorstep, and I understand that," said
            Cllr Graham Pike, the county's cabinet member for waste. "But the sites we have are
            cramped, out of date and, frankly, not very safe. We can do much better for people
            with one good site than with two poor ones."

            ## Worries about fly-tipping

            Residents at both ends of the valley are not convinced. For people in Saltmarsh End,
            the nearest centre would be 11 miles away instead of four; from Coldharbour, the
            trip would roughly double. Parish councillors in both places say they expect more
            rubbish to be dumped in lay-bys and field gateways.

            The district council, which has to clear fly-tipping, has asked the county to set
            aside money for extra enforcement if the plan goes ahead. It dealt with 1,340
            fly-tipping incidents across the valley last year, up by a quarter on five years
            ago.

            The consultation is open for eight weeks, with drop-in sessions in both villages.
            The county's cabinet will make a decision once it has closed.
        """,
        "comments": [
            {
                "name": "Ruth Pickering",
                "email": "rpickering@example.com",
                "status": "approved",
                "after": 4,
                "body": "A reuse shop is a brilliant idea. Half of what goes in the skips at "
                "Alder Ferry is perfectly good.",
            },
            {
                "name": "Stan Woolley",
                "email": "swoolley@example.org",
                "status": "approved",
                "after": 30,
                "body": "Eleven miles each way with a boot full of garden waste. They'll save "
                "£300,000 and spend it clearing lay-bys.",
            },
        ],
    },
    {
        "headline": "Alder Ferry crossing goes electric, with a new boat and a new skipper",
        "section": "business",
        "authors": ["owen-pryce"],
        "tags": ["Alder Ferry", "transport", "River Ravel"],
        "dateline": "ALDER FERRY",
        "published": (23, "09:15"),
        "updated_after": 6,
        "dek": """The passenger ferry that gave the village its name has a quiet new boat, and
            its skipper is the first woman to run the crossing in its long history.""",
        "body": """
            For the first time in three centuries of crossings, the ferry at Alder Ferry is
            running without the sound of an engine.

            The Heron, a ten-metre electric boat built at a yard on the coast, went into service
            after a short naming ceremony at the village slipway, watched by about 200 people.
            It replaces the Marigold, a diesel launch that had carried passengers between the
            village and the footpath to Millbrook since 1978 and had become, in the words of
            its owners, "more patch than boat".

            The crossing is run by the Alder Ferry Community Trust, which bought it from the
            last private operator in 2011 to stop it closing. The trust raised the £185,000 cost
            of the new boat from grants, a community share offer and a long list of village
            fundraisers, including a sponsored swim across the river by most of the parish
            council.

            ## A new face at the wheel

            The Heron's skipper is Nell Arkwright, 27, who grew up in the village, learned to
            handle boats at Millbrook Rowing Club and spent five years working on passenger boats
            on the coast. As far as the trust can establish, she is the first woman to run the
            crossing.

            > "I used to take this ferry to school every day," she said. "I'd sit at the front
            and watch the skipper and think, that's the best job in the world. I still think
            that."

            The boat charges from solar panels on its roof and from a charging point on the
            slipway. It can make about 40 crossings on a full charge, enough for a busy summer
            day, and carries up to 12 passengers and their bikes. The trust expects to save
            around £9,000 a year in fuel and maintenance.

            A single crossing costs £2, or £1 for children, and a season ticket is £48. The
            ferry runs every day from 8am to 6pm, and later in summer.

            <em>Correction: an earlier version of this article gave the price of a season ticket
            as £84. It is £48.</em>
        """,
        "comments": [
            {
                "name": "Gwen Lacey",
                "email": "gwen.lacey@example.org",
                "url": "https://alderferrytrust.example.org/",
                "status": "approved",
                "after": 3,
                "body": "Thank you to everyone who bought shares, baked, swam and shook "
                "buckets. The Heron is yours as much as ours. See you on the slipway!",
            },
            {
                "name": "Phil Gostick",
                "email": "pgostick@example.net",
                "status": "approved",
                "after": 9,
                "body": "Went across this afternoon with the bike. Silent, smooth, and Nell "
                "was great. You could hear the old Marigold from Millbrook.",
            },
            {
                "name": "SEO Experts",
                "email": "seo.rank@example.com",
                "status": "spam",
                "after": 15,
                "body": "Hello webmaster, I visited your site and noticed you are not on page 1 "
                "of Google. We offer cheap SEO packages from $99 with guaranteed results. "
                "Reply for a FREE audit today.",
            },
        ],
    },
    {
        "headline": "A century of river life in photographs goes on show in Coldharbour",
        "section": "culture",
        "authors": ["hannah-lindqvist", "ruth-adeyemi"],
        "tags": ["exhibitions", "history", "River Ravel", "Coldharbour"],
        "dateline": "COLDHARBOUR",
        "published": (25, "11:30"),
        "dek": """More than 200 pictures from a family studio's archive, found in a loft in
            Hatton Lock, show the valley at work and at play across almost a hundred years.""",
        "body": """
            An exhibition of photographs spanning almost a hundred years of life on the River
            Ravel has opened at Coldharbour Museum, drawn from an archive that was very nearly
            thrown away.

            The pictures were taken by three generations of the Crane family, who ran a
            photography studio in Hatton Lock from 1898 until 1994. When the last of the family,
            Margaret Crane, died, a house clearance firm found more than 4,000 glass plates and
            negatives in the loft, packed in biscuit tins and wine crates. One of the firm's
            workers thought they might matter and called the museum.

            Curator Dr Samir Haddad and a team of 15 volunteers have spent two years cleaning,
            scanning and cataloguing the collection. The 220 images now on show range from
            formal studio portraits to floods, regattas, factory outings and the building of
            the Millbrook bypass.

            ## Faces from the valley

            Among the highlights:

            - A panorama of the tannery workforce in 1912, with more than 300 men and boys lined
            up along the river wall.
            - Edith Crane's pictures of women working the locks and barges during the Second
            World War.
            - Colour slides of the great flood of 1968, taken from a rowing boat on Millbrook
            high street.

            Many of the people in the pictures were never named, and the museum is asking
            visitors to help. Several have already been identified by volunteers and lenders,
            including a 94-year-old woman from Hatton Lock who found herself, aged six, in a
            picture of a May Day parade.

            > "Every time we put a picture up, someone says, 'That's my grandad,' or 'That's the
            shop where I bought my first bike'," said Dr Haddad. "The Cranes were photographing
            ordinary life, and that turns out to be the most precious thing of all."

            The exhibition, <em>The River in Silver</em>, runs until the end of the year. Entry
            is free, and the museum is open from Wednesday to Sunday.
        """,
    },
    {
        "headline": "Ravel Valley Half Marathon sells out in a day after move to the towpath",
        "section": "sport",
        "authors": ["danny-marsh"],
        "tags": ["running", "Hatton Lock", "River Ravel"],
        "dateline": "HATTON LOCK",
        "published": (28, "12:00"),
        "dek": """All 1,500 places went in under 24 hours. The flat, traffic-free route could make
            it one of the fastest half marathons in the region, but some regulars miss the
            hill.""",
        "body": """
            All 1,500 places in this year's Ravel Valley Half Marathon sold out in less than a
            day, after organisers announced that the race will move off the roads and onto the
            riverside towpath for the first time.

            The new route starts at Hatton Lock, follows the towpath downstream to Millbrook
            town bridge, crosses the river and comes back along the opposite bank, finishing on
            the playing fields beside the lock. Apart from two short climbs onto bridges, it is
            almost entirely flat, and it is free of traffic throughout.

            The old course, along the valley road and over the hill to Coldharbour, was known
            among local runners as one of the toughest half marathons in the region. Race
            director Lewis Grant said closing the valley road for a morning had become too
            expensive and too unpopular with residents.

            > "Every year we got letters from people who couldn't get to church or to work, and
            every year the bill for the road closures went up," he said. "The towpath solves
            both problems, and it's a far prettier run."

            ## Not everyone is happy

            Some of the race's regulars say the hill was what made it special. "It's become a
            different race," said Simon Abbey of Coldharbour Harriers, who has run all 18
            editions. "A nice race, but a different one." Organisers say they are looking at a
            shorter hill race on the old route on the same weekend.

            Others have raised concerns about the width of the towpath, which in places is
            little more than two metres. Runners will set off in waves of 250 every four
            minutes, the towpath will be closed to cyclists for the morning, and anglers have
            been asked to stay off the bank until the last runners have passed.

            A waiting list has opened on the race website, and 200 more places have been kept
            for local running clubs and charity runners. Organisers expect the race to raise
            more than £40,000 for the regional air ambulance and the valley's volunteer flood
            rescue team.
        """,
        "comments": [
            {
                "name": "Carla Mendes",
                "email": "carla.mendes@example.org",
                "status": "approved",
                "after": 5,
                "body": "Got a place! My first half marathon. Flat and by the river sounds "
                "perfect for a beginner.",
            },
            {
                "name": "Dave Ruddock",
                "email": "druddock@example.com",
                "status": "approved",
                "after": 12,
                "body": "Shame about the hill. That climb to Coldharbour was the whole point. "
                "Hope the hill race happens.",
            },
        ],
    },
    # Not yet public: a scheduled listing, one story with the editor, one still being written.
    {
        "headline": "What's on along the river this weekend",
        "section": "culture",
        "authors": ["hannah-lindqvist"],
        "tags": ["what's on", "music", "Coldharbour"],
        "dateline": "",
        "scheduled_in_days": 2,
        "dek": """A lantern walk at Hatton Lock, jazz in the Playhouse bar, a seed swap in
            Coldharbour and a family day at the Alder Ferry slipway: our pick of the
            weekend.""",
        "body": """
            After a wet few weeks the forecast is kinder, and there is plenty going on along
            the valley. Here is our pick of the weekend. Organisers, send your listings to the
            newsroom by Wednesday and we will include as many as we can.

            ## Friday

            - Jazz at the Playhouse: the Kingsmere group the Lowlands Trio play the Millbrook
            Playhouse bar from 8pm. Tickets £10 on the door.
            - Quiz night at the Fleece Inn, Coldharbour, from 7.30pm, raising money for the folk
            festival. Teams of up to six.

            ## Saturday

            - Millbrook market in the square from 8am, with a visiting cheesemaker from the
            coast.
            - Seed and plant swap at Coldharbour village hall, 10am to 1pm. Bring seeds,
            cuttings or simply curiosity.
            - Lantern walk along the towpath at Hatton Lock, leaving from the lock at 6pm.
            Make your lantern at a free workshop in the library from 2pm.

            ## Sunday

            - Family day at the Alder Ferry slipway, 11am to 4pm: short trips on the new
            electric ferry, a boat-building demonstration and cakes from the village bakers.
            - A guided birdwatching walk with the Ravel Rivers Trust, leaving Coldharbour mill
            at 9am. Places are limited, so book through the trust.
            - Story time for under-fives at Hatton Lock library, which now opens from 1pm to 4pm
            on Sundays.

            Outdoor events can change at short notice if the weather turns, so check with the
            organisers before you set out, and leave extra time if you are driving between
            Millbrook and Alder Ferry.

            Enjoy the weekend. If you go to something you think other readers would love, tell
            us about it: the best suggestions make it into next week's guide.
        """,
    },
    {
        "headline": "Hatton Lock primary school gets go-ahead for two new classrooms",
        "section": "news",
        "authors": ["tom-hadley", "ruth-adeyemi"],
        "tags": ["schools", "Hatton Lock", "planning"],
        "dateline": "HATTON LOCK",
        "status": "review",
        "created_days_ago": 1,
        "dek": """The extension ends three years in which one class has been taught in the school
            hall, squeezing assemblies, PE and lunches into what space was left.""",
        "body": """
            Hatton Lock Primary School has been given permission to build two new classrooms,
            ending three years in which one year group has been taught in the school hall.

            Ravel Valley District Council's planning committee approved the single-storey
            extension unanimously. It will be built on part of the school field, which the
            school says it will replace with a new grassed area on land leased from the parish
            council.

            The school has grown from 180 to 236 pupils in five years as new homes have been
            built on the edge of the village. Using the hall as a classroom has meant squeezing
            assemblies, PE lessons and school lunches into whatever space and time were left.

            > "The children have been brilliant about it, but it's no way to run a school,"
            said head teacher Gemma Latham. "A proper room for every class, and the hall back
            for everything else, will make a huge difference."

            The £1.1 million extension is being paid for by the county council, as the
            education authority, with a contribution from the developer of the new homes.
            Building work is expected to take about nine months, with the noisiest jobs planned
            for the school holidays.

            Two neighbours objected to the plans, saying the extension would take light from
            their gardens. The committee added conditions limiting the height of the roof and
            requiring a row of trees to be planted along the boundary before work starts.

            Parents said they were relieved. Sarah Okoye, who chairs the school's parents'
            association, said the group had raised money for new library shelves two years ago
            and had nowhere to put them. "Now we might finally get to use them," she said.
        """,
    },
    {
        "headline": "Millbrook market traders ask to stay open later on Saturdays",
        "section": "business",
        "authors": ["tom-hadley"],
        "tags": ["Millbrook", "markets", "small business"],
        "dateline": "MILLBROOK",
        "status": "draft",
        "created_days_ago": 2,
        "dek": """Stallholders want the Saturday market to run until 6pm, two hours later than
            now, to catch visitors from the riverside walk. Some people living on the square
            are wary.""",
        "body": """
            Stallholders at Millbrook's Saturday market have asked the town council to let them
            trade until 6pm, two hours later than now, saying they are missing out on visitors
            who arrive in the afternoon.

            The market, held in the square for more than 700 years, has 34 regular stalls
            selling everything from vegetables and cheese to second-hand books and phone cases.
            Under rules the council set in the 1990s, when most shoppers came in the morning,
            pitches must be cleared by 4pm.

            Traders say that has changed. Since the riverside walk was extended to Hatton Lock,
            the town has seen many more walkers and cyclists who arrive in the early afternoon
            looking for something to eat, only to find stalls being packed away.

            > "By half past three I'm folding up the gazebo while people are still asking for
            cheese," said Beth Carver, who runs a cheese stall. "That's money walking past."

            People living in the flats above the shops on the square have raised concerns about
            noise as vans return to load up, and about parking. The Market Square Residents'
            Group said it was not opposed in principle but wanted a trial first.

            The council's markets committee will consider the request at its next meeting, and
            a summer trial is thought to be the most likely outcome. Traders have offered to pay
            a higher pitch fee for the extra hours, and to hire a steward to manage the vans.

            [TO COME: the town clerk on pitch fees; check the charter date with the civic
            society.]
        """,
    },
]
