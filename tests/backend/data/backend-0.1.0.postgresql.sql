--
-- PostgreSQL database dump
--

\restrict Wy9AoBO5EJs7jdgL1QS05HS9aCgFtpbGCAT2mlZgAUESx3ih2qFJeJeorBrjVyd

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: bookings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bookings (
    id character varying(36) NOT NULL,
    slot_id integer NOT NULL,
    national_number character varying(11) NOT NULL,
    device_id character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: case_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_history (
    id integer NOT NULL,
    case_id character varying(36) NOT NULL,
    status character varying(16) NOT NULL,
    note text NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: case_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.case_history_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: case_history_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.case_history_id_seq OWNED BY public.case_history.id;


--
-- Name: cases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cases (
    id character varying(36) NOT NULL,
    national_number character varying(11) NOT NULL,
    service_id character varying(64) NOT NULL,
    site character varying(64) NOT NULL,
    request_id character varying(36),
    status character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: certificate_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.certificate_requests (
    case_id character varying(36) NOT NULL,
    kiosk_id character varying(64),
    reference character varying(64) NOT NULL,
    language character varying(2) NOT NULL
);


--
-- Name: citizens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.citizens (
    national_number character varying(11) NOT NULL,
    surname character varying(128) NOT NULL,
    first_names character varying(512) NOT NULL,
    birth_date date NOT NULL,
    street character varying(256) NOT NULL,
    postcode character varying(8) NOT NULL,
    municipality character varying(128) NOT NULL,
    household_id character varying(36) NOT NULL
);


--
-- Name: credentials; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.credentials (
    id character varying(64) NOT NULL,
    role character varying(16) NOT NULL,
    site character varying(64),
    secret_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked boolean NOT NULL,
    expires_at timestamp with time zone
);


--
-- Name: documents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.documents (
    case_id character varying(36) NOT NULL,
    verification_code character varying(32) NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    sha256 character varying(64) NOT NULL,
    pdf bytea NOT NULL
);


--
-- Name: enrolment_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.enrolment_tokens (
    id character varying(32) NOT NULL,
    site character varying(64) NOT NULL,
    secret_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    used_by character varying(64)
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    event_id character varying(36) NOT NULL,
    device_id character varying(64) NOT NULL,
    site character varying(64) NOT NULL,
    type character varying(64) NOT NULL,
    kiosk_time timestamp with time zone NOT NULL,
    seq bigint NOT NULL,
    payload json NOT NULL,
    body_hash character varying(64) NOT NULL,
    received_at timestamp with time zone NOT NULL
);


--
-- Name: fleet_alerts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.fleet_alerts (
    id bigint NOT NULL,
    kiosk_id character varying(64) NOT NULL,
    site character varying(64) NOT NULL,
    rule character varying(32) NOT NULL,
    severity character varying(16) NOT NULL,
    detail character varying(300) NOT NULL,
    opened_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone
);


--
-- Name: fleet_alerts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.fleet_alerts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: fleet_alerts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.fleet_alerts_id_seq OWNED BY public.fleet_alerts.id;


--
-- Name: fleet_heartbeats; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.fleet_heartbeats (
    id bigint NOT NULL,
    kiosk_id character varying(64) NOT NULL,
    received_at timestamp with time zone NOT NULL,
    status character varying(16) NOT NULL,
    body json NOT NULL
);


--
-- Name: fleet_heartbeats_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.fleet_heartbeats_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: fleet_heartbeats_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.fleet_heartbeats_id_seq OWNED BY public.fleet_heartbeats.id;


--
-- Name: fleet_kiosks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.fleet_kiosks (
    kiosk_id character varying(64) NOT NULL,
    site character varying(64) NOT NULL,
    first_seen_at timestamp with time zone NOT NULL,
    last_heartbeat_at timestamp with time zone NOT NULL,
    silent_after timestamp with time zone NOT NULL,
    interval_s double precision NOT NULL,
    offline boolean NOT NULL,
    software_version character varying(64) NOT NULL,
    config_version character varying(64) NOT NULL,
    state json NOT NULL,
    heartbeats bigint NOT NULL
);


--
-- Name: fleet_remote_config; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.fleet_remote_config (
    scope character varying(8) NOT NULL,
    target character varying(64) NOT NULL,
    "values" json NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by character varying(64) NOT NULL
);


--
-- Name: payments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payments (
    event_id character varying(36) NOT NULL,
    payment_id character varying(36) NOT NULL,
    kiosk_id character varying(64) NOT NULL,
    site character varying(64) NOT NULL,
    day date NOT NULL,
    method character varying(8) NOT NULL,
    amount_cents bigint NOT NULL,
    request_id character varying(36),
    completed_at timestamp with time zone NOT NULL
);


--
-- Name: queue_tickets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.queue_tickets (
    event_id character varying(36) NOT NULL,
    site character varying(64) NOT NULL,
    kiosk_id character varying(64) NOT NULL,
    desk character varying(64) NOT NULL,
    number character varying(16) NOT NULL,
    day date NOT NULL,
    issued_at timestamp with time zone NOT NULL
);


--
-- Name: sites; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sites (
    id character varying(64) NOT NULL,
    name character varying(128) NOT NULL,
    timezone character varying(64) NOT NULL
);


--
-- Name: slots; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.slots (
    id integer NOT NULL,
    site character varying(64) NOT NULL,
    counter character varying(64) NOT NULL,
    service_id character varying(64) NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    minutes integer NOT NULL
);


--
-- Name: slots_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.slots_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: slots_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.slots_id_seq OWNED BY public.slots.id;


--
-- Name: update_bundle_chunks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.update_bundle_chunks (
    version character varying(32) NOT NULL,
    seq integer NOT NULL,
    data bytea NOT NULL
);


--
-- Name: update_bundles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.update_bundles (
    version character varying(32) NOT NULL,
    filename character varying(200) NOT NULL,
    size bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    uploaded_by character varying(64) NOT NULL
);


--
-- Name: update_kiosk_states; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.update_kiosk_states (
    kiosk_id character varying(64) NOT NULL,
    site character varying(64) NOT NULL,
    version character varying(32),
    state character varying(32) NOT NULL,
    reason text,
    current character varying(32),
    rollout_id bigint,
    unblock character varying(32),
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: update_rollouts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.update_rollouts (
    id bigint NOT NULL,
    version character varying(32) NOT NULL,
    waves json NOT NULL,
    wave integer NOT NULL,
    status character varying(16) NOT NULL,
    halted_reason text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    created_by character varying(64) NOT NULL
);


--
-- Name: update_rollouts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.update_rollouts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: update_rollouts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.update_rollouts_id_seq OWNED BY public.update_rollouts.id;


--
-- Name: case_history id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_history ALTER COLUMN id SET DEFAULT nextval('public.case_history_id_seq'::regclass);


--
-- Name: fleet_alerts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fleet_alerts ALTER COLUMN id SET DEFAULT nextval('public.fleet_alerts_id_seq'::regclass);


--
-- Name: fleet_heartbeats id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fleet_heartbeats ALTER COLUMN id SET DEFAULT nextval('public.fleet_heartbeats_id_seq'::regclass);


--
-- Name: slots id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.slots ALTER COLUMN id SET DEFAULT nextval('public.slots_id_seq'::regclass);


--
-- Name: update_rollouts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.update_rollouts ALTER COLUMN id SET DEFAULT nextval('public.update_rollouts_id_seq'::regclass);


--
-- Data for Name: bookings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.bookings (id, slot_id, national_number, device_id, created_at) FROM stdin;
\.


--
-- Data for Name: case_history; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.case_history (id, case_id, status, note, at) FROM stdin;
\.


--
-- Data for Name: cases; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cases (id, national_number, service_id, site, request_id, status, created_at, updated_at) FROM stdin;
\.


--
-- Data for Name: certificate_requests; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.certificate_requests (case_id, kiosk_id, reference, language) FROM stdin;
\.


--
-- Data for Name: citizens; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.citizens (national_number, surname, first_names, birth_date, street, postcode, municipality, household_id) FROM stdin;
\.


--
-- Data for Name: credentials; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.credentials (id, role, site, secret_hash, created_at, revoked, expires_at) FROM stdin;
admin-a4a6b3	admin	\N	6c2b390496a556be862990e9e8497fb695530e4e279689f72e7d3e8c35b87c04	2026-12-06 23:39:05.554503+00	f	\N
laeken-01	device	bxl-centre	b7e338f26dd13ca5ef8a67d5c0c2cf07faf5f1a79d2bfc8c5375697f03715f40	2026-12-06 23:39:06.044764+00	f	\N
\.


--
-- Data for Name: documents; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.documents (case_id, verification_code, issued_at, sha256, pdf) FROM stdin;
\.


--
-- Data for Name: enrolment_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.enrolment_tokens (id, site, secret_hash, created_at, expires_at, used_at, used_by) FROM stdin;
\.


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.events (event_id, device_id, site, type, kiosk_time, seq, payload, body_hash, received_at) FROM stdin;
314e7063-6934-4546-a4ad-88ee172d6bfa	laeken-01	bxl-centre	queue_ticket.issued	2026-12-06 23:39:06.150119+00	1	{"request_id": "c07952f1-272d-4034-a121-fdeebc36e9d8", "site": "bxl-centre", "kiosk_id": "laeken-01", "desk": "population", "number": "P-001", "day": "2026-12-06", "language": "fr", "issued_at": "2026-12-06T23:39:06.150119+00:00"}	e3b9cc1e4ba3f14ec7e9640b18e82038731852afd637b831bd467ff15ec65ebe	2026-12-06 23:39:06.397695+00
ae18a8a2-cf96-4a7f-b4bf-86780122da43	laeken-01	bxl-centre	queue_ticket.issued	2026-12-06 23:39:06.150193+00	2	{"request_id": "9fc3bf8b-603f-4c1d-accb-973a86a109d9", "site": "bxl-centre", "kiosk_id": "laeken-01", "desk": "population", "number": "P-002", "day": "2026-12-06", "language": "fr", "issued_at": "2026-12-06T23:39:06.150193+00:00"}	31de70c3fcf9a739526222406619b05f4a24cfc53c7b9db3d88313393779c0b7	2026-12-06 23:39:06.397695+00
\.


--
-- Data for Name: fleet_alerts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.fleet_alerts (id, kiosk_id, site, rule, severity, detail, opened_at, last_seen_at, resolved_at) FROM stdin;
\.


--
-- Data for Name: fleet_heartbeats; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.fleet_heartbeats (id, kiosk_id, received_at, status, body) FROM stdin;
\.


--
-- Data for Name: fleet_kiosks; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.fleet_kiosks (kiosk_id, site, first_seen_at, last_heartbeat_at, silent_after, interval_s, offline, software_version, config_version, state, heartbeats) FROM stdin;
\.


--
-- Data for Name: fleet_remote_config; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.fleet_remote_config (scope, target, "values", updated_at, updated_by) FROM stdin;
\.


--
-- Data for Name: payments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.payments (event_id, payment_id, kiosk_id, site, day, method, amount_cents, request_id, completed_at) FROM stdin;
\.


--
-- Data for Name: queue_tickets; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.queue_tickets (event_id, site, kiosk_id, desk, number, day, issued_at) FROM stdin;
314e7063-6934-4546-a4ad-88ee172d6bfa	bxl-centre	laeken-01	population	P-001	2026-12-06	2026-12-06 23:39:06.150119+00
ae18a8a2-cf96-4a7f-b4bf-86780122da43	bxl-centre	laeken-01	population	P-002	2026-12-06	2026-12-06 23:39:06.150193+00
\.


--
-- Data for Name: sites; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sites (id, name, timezone) FROM stdin;
bxl-centre	Brussels City Hall	Europe/Brussels
laeken	Antenne Laeken	Europe/Brussels
haren	Antenne Haren	Europe/Brussels
neder-over-heembeek	Antenne Neder-Over-Heembeek	Europe/Brussels
\.


--
-- Data for Name: slots; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.slots (id, site, counter, service_id, starts_at, minutes) FROM stdin;
1	bxl-centre	c1	appt-id-card	2026-12-07 08:00:00+00	15
2	bxl-centre	c1	appt-id-card	2026-12-07 08:15:00+00	15
3	bxl-centre	c1	appt-id-card	2026-12-07 08:30:00+00	15
4	bxl-centre	c1	appt-id-card	2026-12-07 08:45:00+00	15
5	bxl-centre	c1	appt-id-card	2026-12-07 09:00:00+00	15
6	bxl-centre	c1	appt-id-card	2026-12-07 09:15:00+00	15
7	bxl-centre	c1	appt-id-card	2026-12-07 09:30:00+00	15
8	bxl-centre	c1	appt-id-card	2026-12-07 09:45:00+00	15
9	bxl-centre	c1	appt-id-card	2026-12-07 10:00:00+00	15
10	bxl-centre	c1	appt-id-card	2026-12-07 10:15:00+00	15
11	bxl-centre	c1	appt-id-card	2026-12-07 10:30:00+00	15
12	bxl-centre	c1	appt-id-card	2026-12-07 10:45:00+00	15
13	bxl-centre	c2	appt-passport	2026-12-07 08:00:00+00	15
14	bxl-centre	c2	appt-passport	2026-12-07 08:15:00+00	15
15	bxl-centre	c2	appt-passport	2026-12-07 08:30:00+00	15
16	bxl-centre	c2	appt-passport	2026-12-07 08:45:00+00	15
17	bxl-centre	c2	appt-passport	2026-12-07 09:00:00+00	15
18	bxl-centre	c2	appt-passport	2026-12-07 09:15:00+00	15
19	bxl-centre	c2	appt-passport	2026-12-07 09:30:00+00	15
20	bxl-centre	c2	appt-passport	2026-12-07 09:45:00+00	15
21	bxl-centre	c2	appt-passport	2026-12-07 10:00:00+00	15
22	bxl-centre	c2	appt-passport	2026-12-07 10:15:00+00	15
23	bxl-centre	c2	appt-passport	2026-12-07 10:30:00+00	15
24	bxl-centre	c2	appt-passport	2026-12-07 10:45:00+00	15
25	laeken	c1	appt-id-card	2026-12-07 08:00:00+00	15
26	laeken	c1	appt-id-card	2026-12-07 08:15:00+00	15
27	laeken	c1	appt-id-card	2026-12-07 08:30:00+00	15
28	laeken	c1	appt-id-card	2026-12-07 08:45:00+00	15
29	laeken	c1	appt-id-card	2026-12-07 09:00:00+00	15
30	laeken	c1	appt-id-card	2026-12-07 09:15:00+00	15
31	laeken	c1	appt-id-card	2026-12-07 09:30:00+00	15
32	laeken	c1	appt-id-card	2026-12-07 09:45:00+00	15
33	laeken	c1	appt-id-card	2026-12-07 10:00:00+00	15
34	laeken	c1	appt-id-card	2026-12-07 10:15:00+00	15
35	laeken	c1	appt-id-card	2026-12-07 10:30:00+00	15
36	laeken	c1	appt-id-card	2026-12-07 10:45:00+00	15
37	laeken	c2	appt-passport	2026-12-07 08:00:00+00	15
38	laeken	c2	appt-passport	2026-12-07 08:15:00+00	15
39	laeken	c2	appt-passport	2026-12-07 08:30:00+00	15
40	laeken	c2	appt-passport	2026-12-07 08:45:00+00	15
41	laeken	c2	appt-passport	2026-12-07 09:00:00+00	15
42	laeken	c2	appt-passport	2026-12-07 09:15:00+00	15
43	laeken	c2	appt-passport	2026-12-07 09:30:00+00	15
44	laeken	c2	appt-passport	2026-12-07 09:45:00+00	15
45	laeken	c2	appt-passport	2026-12-07 10:00:00+00	15
46	laeken	c2	appt-passport	2026-12-07 10:15:00+00	15
47	laeken	c2	appt-passport	2026-12-07 10:30:00+00	15
48	laeken	c2	appt-passport	2026-12-07 10:45:00+00	15
49	haren	c1	appt-id-card	2026-12-07 08:00:00+00	15
50	haren	c1	appt-id-card	2026-12-07 08:15:00+00	15
51	haren	c1	appt-id-card	2026-12-07 08:30:00+00	15
52	haren	c1	appt-id-card	2026-12-07 08:45:00+00	15
53	haren	c1	appt-id-card	2026-12-07 09:00:00+00	15
54	haren	c1	appt-id-card	2026-12-07 09:15:00+00	15
55	haren	c1	appt-id-card	2026-12-07 09:30:00+00	15
56	haren	c1	appt-id-card	2026-12-07 09:45:00+00	15
57	haren	c1	appt-id-card	2026-12-07 10:00:00+00	15
58	haren	c1	appt-id-card	2026-12-07 10:15:00+00	15
59	haren	c1	appt-id-card	2026-12-07 10:30:00+00	15
60	haren	c1	appt-id-card	2026-12-07 10:45:00+00	15
61	haren	c2	appt-passport	2026-12-07 08:00:00+00	15
62	haren	c2	appt-passport	2026-12-07 08:15:00+00	15
63	haren	c2	appt-passport	2026-12-07 08:30:00+00	15
64	haren	c2	appt-passport	2026-12-07 08:45:00+00	15
65	haren	c2	appt-passport	2026-12-07 09:00:00+00	15
66	haren	c2	appt-passport	2026-12-07 09:15:00+00	15
67	haren	c2	appt-passport	2026-12-07 09:30:00+00	15
68	haren	c2	appt-passport	2026-12-07 09:45:00+00	15
69	haren	c2	appt-passport	2026-12-07 10:00:00+00	15
70	haren	c2	appt-passport	2026-12-07 10:15:00+00	15
71	haren	c2	appt-passport	2026-12-07 10:30:00+00	15
72	haren	c2	appt-passport	2026-12-07 10:45:00+00	15
73	neder-over-heembeek	c1	appt-id-card	2026-12-07 08:00:00+00	15
74	neder-over-heembeek	c1	appt-id-card	2026-12-07 08:15:00+00	15
75	neder-over-heembeek	c1	appt-id-card	2026-12-07 08:30:00+00	15
76	neder-over-heembeek	c1	appt-id-card	2026-12-07 08:45:00+00	15
77	neder-over-heembeek	c1	appt-id-card	2026-12-07 09:00:00+00	15
78	neder-over-heembeek	c1	appt-id-card	2026-12-07 09:15:00+00	15
79	neder-over-heembeek	c1	appt-id-card	2026-12-07 09:30:00+00	15
80	neder-over-heembeek	c1	appt-id-card	2026-12-07 09:45:00+00	15
81	neder-over-heembeek	c1	appt-id-card	2026-12-07 10:00:00+00	15
82	neder-over-heembeek	c1	appt-id-card	2026-12-07 10:15:00+00	15
83	neder-over-heembeek	c1	appt-id-card	2026-12-07 10:30:00+00	15
84	neder-over-heembeek	c1	appt-id-card	2026-12-07 10:45:00+00	15
85	neder-over-heembeek	c2	appt-passport	2026-12-07 08:00:00+00	15
86	neder-over-heembeek	c2	appt-passport	2026-12-07 08:15:00+00	15
87	neder-over-heembeek	c2	appt-passport	2026-12-07 08:30:00+00	15
88	neder-over-heembeek	c2	appt-passport	2026-12-07 08:45:00+00	15
89	neder-over-heembeek	c2	appt-passport	2026-12-07 09:00:00+00	15
90	neder-over-heembeek	c2	appt-passport	2026-12-07 09:15:00+00	15
91	neder-over-heembeek	c2	appt-passport	2026-12-07 09:30:00+00	15
92	neder-over-heembeek	c2	appt-passport	2026-12-07 09:45:00+00	15
93	neder-over-heembeek	c2	appt-passport	2026-12-07 10:00:00+00	15
94	neder-over-heembeek	c2	appt-passport	2026-12-07 10:15:00+00	15
95	neder-over-heembeek	c2	appt-passport	2026-12-07 10:30:00+00	15
96	neder-over-heembeek	c2	appt-passport	2026-12-07 10:45:00+00	15
97	bxl-centre	c1	appt-id-card	2026-12-08 08:00:00+00	15
98	bxl-centre	c1	appt-id-card	2026-12-08 08:15:00+00	15
99	bxl-centre	c1	appt-id-card	2026-12-08 08:30:00+00	15
100	bxl-centre	c1	appt-id-card	2026-12-08 08:45:00+00	15
101	bxl-centre	c1	appt-id-card	2026-12-08 09:00:00+00	15
102	bxl-centre	c1	appt-id-card	2026-12-08 09:15:00+00	15
103	bxl-centre	c1	appt-id-card	2026-12-08 09:30:00+00	15
104	bxl-centre	c1	appt-id-card	2026-12-08 09:45:00+00	15
105	bxl-centre	c1	appt-id-card	2026-12-08 10:00:00+00	15
106	bxl-centre	c1	appt-id-card	2026-12-08 10:15:00+00	15
107	bxl-centre	c1	appt-id-card	2026-12-08 10:30:00+00	15
108	bxl-centre	c1	appt-id-card	2026-12-08 10:45:00+00	15
109	bxl-centre	c2	appt-passport	2026-12-08 08:00:00+00	15
110	bxl-centre	c2	appt-passport	2026-12-08 08:15:00+00	15
111	bxl-centre	c2	appt-passport	2026-12-08 08:30:00+00	15
112	bxl-centre	c2	appt-passport	2026-12-08 08:45:00+00	15
113	bxl-centre	c2	appt-passport	2026-12-08 09:00:00+00	15
114	bxl-centre	c2	appt-passport	2026-12-08 09:15:00+00	15
115	bxl-centre	c2	appt-passport	2026-12-08 09:30:00+00	15
116	bxl-centre	c2	appt-passport	2026-12-08 09:45:00+00	15
117	bxl-centre	c2	appt-passport	2026-12-08 10:00:00+00	15
118	bxl-centre	c2	appt-passport	2026-12-08 10:15:00+00	15
119	bxl-centre	c2	appt-passport	2026-12-08 10:30:00+00	15
120	bxl-centre	c2	appt-passport	2026-12-08 10:45:00+00	15
121	laeken	c1	appt-id-card	2026-12-08 08:00:00+00	15
122	laeken	c1	appt-id-card	2026-12-08 08:15:00+00	15
123	laeken	c1	appt-id-card	2026-12-08 08:30:00+00	15
124	laeken	c1	appt-id-card	2026-12-08 08:45:00+00	15
125	laeken	c1	appt-id-card	2026-12-08 09:00:00+00	15
126	laeken	c1	appt-id-card	2026-12-08 09:15:00+00	15
127	laeken	c1	appt-id-card	2026-12-08 09:30:00+00	15
128	laeken	c1	appt-id-card	2026-12-08 09:45:00+00	15
129	laeken	c1	appt-id-card	2026-12-08 10:00:00+00	15
130	laeken	c1	appt-id-card	2026-12-08 10:15:00+00	15
131	laeken	c1	appt-id-card	2026-12-08 10:30:00+00	15
132	laeken	c1	appt-id-card	2026-12-08 10:45:00+00	15
133	laeken	c2	appt-passport	2026-12-08 08:00:00+00	15
134	laeken	c2	appt-passport	2026-12-08 08:15:00+00	15
135	laeken	c2	appt-passport	2026-12-08 08:30:00+00	15
136	laeken	c2	appt-passport	2026-12-08 08:45:00+00	15
137	laeken	c2	appt-passport	2026-12-08 09:00:00+00	15
138	laeken	c2	appt-passport	2026-12-08 09:15:00+00	15
139	laeken	c2	appt-passport	2026-12-08 09:30:00+00	15
140	laeken	c2	appt-passport	2026-12-08 09:45:00+00	15
141	laeken	c2	appt-passport	2026-12-08 10:00:00+00	15
142	laeken	c2	appt-passport	2026-12-08 10:15:00+00	15
143	laeken	c2	appt-passport	2026-12-08 10:30:00+00	15
144	laeken	c2	appt-passport	2026-12-08 10:45:00+00	15
145	haren	c1	appt-id-card	2026-12-08 08:00:00+00	15
146	haren	c1	appt-id-card	2026-12-08 08:15:00+00	15
147	haren	c1	appt-id-card	2026-12-08 08:30:00+00	15
148	haren	c1	appt-id-card	2026-12-08 08:45:00+00	15
149	haren	c1	appt-id-card	2026-12-08 09:00:00+00	15
150	haren	c1	appt-id-card	2026-12-08 09:15:00+00	15
151	haren	c1	appt-id-card	2026-12-08 09:30:00+00	15
152	haren	c1	appt-id-card	2026-12-08 09:45:00+00	15
153	haren	c1	appt-id-card	2026-12-08 10:00:00+00	15
154	haren	c1	appt-id-card	2026-12-08 10:15:00+00	15
155	haren	c1	appt-id-card	2026-12-08 10:30:00+00	15
156	haren	c1	appt-id-card	2026-12-08 10:45:00+00	15
157	haren	c2	appt-passport	2026-12-08 08:00:00+00	15
158	haren	c2	appt-passport	2026-12-08 08:15:00+00	15
159	haren	c2	appt-passport	2026-12-08 08:30:00+00	15
160	haren	c2	appt-passport	2026-12-08 08:45:00+00	15
161	haren	c2	appt-passport	2026-12-08 09:00:00+00	15
162	haren	c2	appt-passport	2026-12-08 09:15:00+00	15
163	haren	c2	appt-passport	2026-12-08 09:30:00+00	15
164	haren	c2	appt-passport	2026-12-08 09:45:00+00	15
165	haren	c2	appt-passport	2026-12-08 10:00:00+00	15
166	haren	c2	appt-passport	2026-12-08 10:15:00+00	15
167	haren	c2	appt-passport	2026-12-08 10:30:00+00	15
168	haren	c2	appt-passport	2026-12-08 10:45:00+00	15
169	neder-over-heembeek	c1	appt-id-card	2026-12-08 08:00:00+00	15
170	neder-over-heembeek	c1	appt-id-card	2026-12-08 08:15:00+00	15
171	neder-over-heembeek	c1	appt-id-card	2026-12-08 08:30:00+00	15
172	neder-over-heembeek	c1	appt-id-card	2026-12-08 08:45:00+00	15
173	neder-over-heembeek	c1	appt-id-card	2026-12-08 09:00:00+00	15
174	neder-over-heembeek	c1	appt-id-card	2026-12-08 09:15:00+00	15
175	neder-over-heembeek	c1	appt-id-card	2026-12-08 09:30:00+00	15
176	neder-over-heembeek	c1	appt-id-card	2026-12-08 09:45:00+00	15
177	neder-over-heembeek	c1	appt-id-card	2026-12-08 10:00:00+00	15
178	neder-over-heembeek	c1	appt-id-card	2026-12-08 10:15:00+00	15
179	neder-over-heembeek	c1	appt-id-card	2026-12-08 10:30:00+00	15
180	neder-over-heembeek	c1	appt-id-card	2026-12-08 10:45:00+00	15
181	neder-over-heembeek	c2	appt-passport	2026-12-08 08:00:00+00	15
182	neder-over-heembeek	c2	appt-passport	2026-12-08 08:15:00+00	15
183	neder-over-heembeek	c2	appt-passport	2026-12-08 08:30:00+00	15
184	neder-over-heembeek	c2	appt-passport	2026-12-08 08:45:00+00	15
185	neder-over-heembeek	c2	appt-passport	2026-12-08 09:00:00+00	15
186	neder-over-heembeek	c2	appt-passport	2026-12-08 09:15:00+00	15
187	neder-over-heembeek	c2	appt-passport	2026-12-08 09:30:00+00	15
188	neder-over-heembeek	c2	appt-passport	2026-12-08 09:45:00+00	15
189	neder-over-heembeek	c2	appt-passport	2026-12-08 10:00:00+00	15
190	neder-over-heembeek	c2	appt-passport	2026-12-08 10:15:00+00	15
191	neder-over-heembeek	c2	appt-passport	2026-12-08 10:30:00+00	15
192	neder-over-heembeek	c2	appt-passport	2026-12-08 10:45:00+00	15
193	bxl-centre	c1	appt-id-card	2026-12-09 08:00:00+00	15
194	bxl-centre	c1	appt-id-card	2026-12-09 08:15:00+00	15
195	bxl-centre	c1	appt-id-card	2026-12-09 08:30:00+00	15
196	bxl-centre	c1	appt-id-card	2026-12-09 08:45:00+00	15
197	bxl-centre	c1	appt-id-card	2026-12-09 09:00:00+00	15
198	bxl-centre	c1	appt-id-card	2026-12-09 09:15:00+00	15
199	bxl-centre	c1	appt-id-card	2026-12-09 09:30:00+00	15
200	bxl-centre	c1	appt-id-card	2026-12-09 09:45:00+00	15
201	bxl-centre	c1	appt-id-card	2026-12-09 10:00:00+00	15
202	bxl-centre	c1	appt-id-card	2026-12-09 10:15:00+00	15
203	bxl-centre	c1	appt-id-card	2026-12-09 10:30:00+00	15
204	bxl-centre	c1	appt-id-card	2026-12-09 10:45:00+00	15
205	bxl-centre	c2	appt-passport	2026-12-09 08:00:00+00	15
206	bxl-centre	c2	appt-passport	2026-12-09 08:15:00+00	15
207	bxl-centre	c2	appt-passport	2026-12-09 08:30:00+00	15
208	bxl-centre	c2	appt-passport	2026-12-09 08:45:00+00	15
209	bxl-centre	c2	appt-passport	2026-12-09 09:00:00+00	15
210	bxl-centre	c2	appt-passport	2026-12-09 09:15:00+00	15
211	bxl-centre	c2	appt-passport	2026-12-09 09:30:00+00	15
212	bxl-centre	c2	appt-passport	2026-12-09 09:45:00+00	15
213	bxl-centre	c2	appt-passport	2026-12-09 10:00:00+00	15
214	bxl-centre	c2	appt-passport	2026-12-09 10:15:00+00	15
215	bxl-centre	c2	appt-passport	2026-12-09 10:30:00+00	15
216	bxl-centre	c2	appt-passport	2026-12-09 10:45:00+00	15
217	laeken	c1	appt-id-card	2026-12-09 08:00:00+00	15
218	laeken	c1	appt-id-card	2026-12-09 08:15:00+00	15
219	laeken	c1	appt-id-card	2026-12-09 08:30:00+00	15
220	laeken	c1	appt-id-card	2026-12-09 08:45:00+00	15
221	laeken	c1	appt-id-card	2026-12-09 09:00:00+00	15
222	laeken	c1	appt-id-card	2026-12-09 09:15:00+00	15
223	laeken	c1	appt-id-card	2026-12-09 09:30:00+00	15
224	laeken	c1	appt-id-card	2026-12-09 09:45:00+00	15
225	laeken	c1	appt-id-card	2026-12-09 10:00:00+00	15
226	laeken	c1	appt-id-card	2026-12-09 10:15:00+00	15
227	laeken	c1	appt-id-card	2026-12-09 10:30:00+00	15
228	laeken	c1	appt-id-card	2026-12-09 10:45:00+00	15
229	laeken	c2	appt-passport	2026-12-09 08:00:00+00	15
230	laeken	c2	appt-passport	2026-12-09 08:15:00+00	15
231	laeken	c2	appt-passport	2026-12-09 08:30:00+00	15
232	laeken	c2	appt-passport	2026-12-09 08:45:00+00	15
233	laeken	c2	appt-passport	2026-12-09 09:00:00+00	15
234	laeken	c2	appt-passport	2026-12-09 09:15:00+00	15
235	laeken	c2	appt-passport	2026-12-09 09:30:00+00	15
236	laeken	c2	appt-passport	2026-12-09 09:45:00+00	15
237	laeken	c2	appt-passport	2026-12-09 10:00:00+00	15
238	laeken	c2	appt-passport	2026-12-09 10:15:00+00	15
239	laeken	c2	appt-passport	2026-12-09 10:30:00+00	15
240	laeken	c2	appt-passport	2026-12-09 10:45:00+00	15
241	haren	c1	appt-id-card	2026-12-09 08:00:00+00	15
242	haren	c1	appt-id-card	2026-12-09 08:15:00+00	15
243	haren	c1	appt-id-card	2026-12-09 08:30:00+00	15
244	haren	c1	appt-id-card	2026-12-09 08:45:00+00	15
245	haren	c1	appt-id-card	2026-12-09 09:00:00+00	15
246	haren	c1	appt-id-card	2026-12-09 09:15:00+00	15
247	haren	c1	appt-id-card	2026-12-09 09:30:00+00	15
248	haren	c1	appt-id-card	2026-12-09 09:45:00+00	15
249	haren	c1	appt-id-card	2026-12-09 10:00:00+00	15
250	haren	c1	appt-id-card	2026-12-09 10:15:00+00	15
251	haren	c1	appt-id-card	2026-12-09 10:30:00+00	15
252	haren	c1	appt-id-card	2026-12-09 10:45:00+00	15
253	haren	c2	appt-passport	2026-12-09 08:00:00+00	15
254	haren	c2	appt-passport	2026-12-09 08:15:00+00	15
255	haren	c2	appt-passport	2026-12-09 08:30:00+00	15
256	haren	c2	appt-passport	2026-12-09 08:45:00+00	15
257	haren	c2	appt-passport	2026-12-09 09:00:00+00	15
258	haren	c2	appt-passport	2026-12-09 09:15:00+00	15
259	haren	c2	appt-passport	2026-12-09 09:30:00+00	15
260	haren	c2	appt-passport	2026-12-09 09:45:00+00	15
261	haren	c2	appt-passport	2026-12-09 10:00:00+00	15
262	haren	c2	appt-passport	2026-12-09 10:15:00+00	15
263	haren	c2	appt-passport	2026-12-09 10:30:00+00	15
264	haren	c2	appt-passport	2026-12-09 10:45:00+00	15
265	neder-over-heembeek	c1	appt-id-card	2026-12-09 08:00:00+00	15
266	neder-over-heembeek	c1	appt-id-card	2026-12-09 08:15:00+00	15
267	neder-over-heembeek	c1	appt-id-card	2026-12-09 08:30:00+00	15
268	neder-over-heembeek	c1	appt-id-card	2026-12-09 08:45:00+00	15
269	neder-over-heembeek	c1	appt-id-card	2026-12-09 09:00:00+00	15
270	neder-over-heembeek	c1	appt-id-card	2026-12-09 09:15:00+00	15
271	neder-over-heembeek	c1	appt-id-card	2026-12-09 09:30:00+00	15
272	neder-over-heembeek	c1	appt-id-card	2026-12-09 09:45:00+00	15
273	neder-over-heembeek	c1	appt-id-card	2026-12-09 10:00:00+00	15
274	neder-over-heembeek	c1	appt-id-card	2026-12-09 10:15:00+00	15
275	neder-over-heembeek	c1	appt-id-card	2026-12-09 10:30:00+00	15
276	neder-over-heembeek	c1	appt-id-card	2026-12-09 10:45:00+00	15
277	neder-over-heembeek	c2	appt-passport	2026-12-09 08:00:00+00	15
278	neder-over-heembeek	c2	appt-passport	2026-12-09 08:15:00+00	15
279	neder-over-heembeek	c2	appt-passport	2026-12-09 08:30:00+00	15
280	neder-over-heembeek	c2	appt-passport	2026-12-09 08:45:00+00	15
281	neder-over-heembeek	c2	appt-passport	2026-12-09 09:00:00+00	15
282	neder-over-heembeek	c2	appt-passport	2026-12-09 09:15:00+00	15
283	neder-over-heembeek	c2	appt-passport	2026-12-09 09:30:00+00	15
284	neder-over-heembeek	c2	appt-passport	2026-12-09 09:45:00+00	15
285	neder-over-heembeek	c2	appt-passport	2026-12-09 10:00:00+00	15
286	neder-over-heembeek	c2	appt-passport	2026-12-09 10:15:00+00	15
287	neder-over-heembeek	c2	appt-passport	2026-12-09 10:30:00+00	15
288	neder-over-heembeek	c2	appt-passport	2026-12-09 10:45:00+00	15
289	bxl-centre	c1	appt-id-card	2026-12-10 08:00:00+00	15
290	bxl-centre	c1	appt-id-card	2026-12-10 08:15:00+00	15
291	bxl-centre	c1	appt-id-card	2026-12-10 08:30:00+00	15
292	bxl-centre	c1	appt-id-card	2026-12-10 08:45:00+00	15
293	bxl-centre	c1	appt-id-card	2026-12-10 09:00:00+00	15
294	bxl-centre	c1	appt-id-card	2026-12-10 09:15:00+00	15
295	bxl-centre	c1	appt-id-card	2026-12-10 09:30:00+00	15
296	bxl-centre	c1	appt-id-card	2026-12-10 09:45:00+00	15
297	bxl-centre	c1	appt-id-card	2026-12-10 10:00:00+00	15
298	bxl-centre	c1	appt-id-card	2026-12-10 10:15:00+00	15
299	bxl-centre	c1	appt-id-card	2026-12-10 10:30:00+00	15
300	bxl-centre	c1	appt-id-card	2026-12-10 10:45:00+00	15
301	bxl-centre	c2	appt-passport	2026-12-10 08:00:00+00	15
302	bxl-centre	c2	appt-passport	2026-12-10 08:15:00+00	15
303	bxl-centre	c2	appt-passport	2026-12-10 08:30:00+00	15
304	bxl-centre	c2	appt-passport	2026-12-10 08:45:00+00	15
305	bxl-centre	c2	appt-passport	2026-12-10 09:00:00+00	15
306	bxl-centre	c2	appt-passport	2026-12-10 09:15:00+00	15
307	bxl-centre	c2	appt-passport	2026-12-10 09:30:00+00	15
308	bxl-centre	c2	appt-passport	2026-12-10 09:45:00+00	15
309	bxl-centre	c2	appt-passport	2026-12-10 10:00:00+00	15
310	bxl-centre	c2	appt-passport	2026-12-10 10:15:00+00	15
311	bxl-centre	c2	appt-passport	2026-12-10 10:30:00+00	15
312	bxl-centre	c2	appt-passport	2026-12-10 10:45:00+00	15
313	laeken	c1	appt-id-card	2026-12-10 08:00:00+00	15
314	laeken	c1	appt-id-card	2026-12-10 08:15:00+00	15
315	laeken	c1	appt-id-card	2026-12-10 08:30:00+00	15
316	laeken	c1	appt-id-card	2026-12-10 08:45:00+00	15
317	laeken	c1	appt-id-card	2026-12-10 09:00:00+00	15
318	laeken	c1	appt-id-card	2026-12-10 09:15:00+00	15
319	laeken	c1	appt-id-card	2026-12-10 09:30:00+00	15
320	laeken	c1	appt-id-card	2026-12-10 09:45:00+00	15
321	laeken	c1	appt-id-card	2026-12-10 10:00:00+00	15
322	laeken	c1	appt-id-card	2026-12-10 10:15:00+00	15
323	laeken	c1	appt-id-card	2026-12-10 10:30:00+00	15
324	laeken	c1	appt-id-card	2026-12-10 10:45:00+00	15
325	laeken	c2	appt-passport	2026-12-10 08:00:00+00	15
326	laeken	c2	appt-passport	2026-12-10 08:15:00+00	15
327	laeken	c2	appt-passport	2026-12-10 08:30:00+00	15
328	laeken	c2	appt-passport	2026-12-10 08:45:00+00	15
329	laeken	c2	appt-passport	2026-12-10 09:00:00+00	15
330	laeken	c2	appt-passport	2026-12-10 09:15:00+00	15
331	laeken	c2	appt-passport	2026-12-10 09:30:00+00	15
332	laeken	c2	appt-passport	2026-12-10 09:45:00+00	15
333	laeken	c2	appt-passport	2026-12-10 10:00:00+00	15
334	laeken	c2	appt-passport	2026-12-10 10:15:00+00	15
335	laeken	c2	appt-passport	2026-12-10 10:30:00+00	15
336	laeken	c2	appt-passport	2026-12-10 10:45:00+00	15
337	haren	c1	appt-id-card	2026-12-10 08:00:00+00	15
338	haren	c1	appt-id-card	2026-12-10 08:15:00+00	15
339	haren	c1	appt-id-card	2026-12-10 08:30:00+00	15
340	haren	c1	appt-id-card	2026-12-10 08:45:00+00	15
341	haren	c1	appt-id-card	2026-12-10 09:00:00+00	15
342	haren	c1	appt-id-card	2026-12-10 09:15:00+00	15
343	haren	c1	appt-id-card	2026-12-10 09:30:00+00	15
344	haren	c1	appt-id-card	2026-12-10 09:45:00+00	15
345	haren	c1	appt-id-card	2026-12-10 10:00:00+00	15
346	haren	c1	appt-id-card	2026-12-10 10:15:00+00	15
347	haren	c1	appt-id-card	2026-12-10 10:30:00+00	15
348	haren	c1	appt-id-card	2026-12-10 10:45:00+00	15
349	haren	c2	appt-passport	2026-12-10 08:00:00+00	15
350	haren	c2	appt-passport	2026-12-10 08:15:00+00	15
351	haren	c2	appt-passport	2026-12-10 08:30:00+00	15
352	haren	c2	appt-passport	2026-12-10 08:45:00+00	15
353	haren	c2	appt-passport	2026-12-10 09:00:00+00	15
354	haren	c2	appt-passport	2026-12-10 09:15:00+00	15
355	haren	c2	appt-passport	2026-12-10 09:30:00+00	15
356	haren	c2	appt-passport	2026-12-10 09:45:00+00	15
357	haren	c2	appt-passport	2026-12-10 10:00:00+00	15
358	haren	c2	appt-passport	2026-12-10 10:15:00+00	15
359	haren	c2	appt-passport	2026-12-10 10:30:00+00	15
360	haren	c2	appt-passport	2026-12-10 10:45:00+00	15
361	neder-over-heembeek	c1	appt-id-card	2026-12-10 08:00:00+00	15
362	neder-over-heembeek	c1	appt-id-card	2026-12-10 08:15:00+00	15
363	neder-over-heembeek	c1	appt-id-card	2026-12-10 08:30:00+00	15
364	neder-over-heembeek	c1	appt-id-card	2026-12-10 08:45:00+00	15
365	neder-over-heembeek	c1	appt-id-card	2026-12-10 09:00:00+00	15
366	neder-over-heembeek	c1	appt-id-card	2026-12-10 09:15:00+00	15
367	neder-over-heembeek	c1	appt-id-card	2026-12-10 09:30:00+00	15
368	neder-over-heembeek	c1	appt-id-card	2026-12-10 09:45:00+00	15
369	neder-over-heembeek	c1	appt-id-card	2026-12-10 10:00:00+00	15
370	neder-over-heembeek	c1	appt-id-card	2026-12-10 10:15:00+00	15
371	neder-over-heembeek	c1	appt-id-card	2026-12-10 10:30:00+00	15
372	neder-over-heembeek	c1	appt-id-card	2026-12-10 10:45:00+00	15
373	neder-over-heembeek	c2	appt-passport	2026-12-10 08:00:00+00	15
374	neder-over-heembeek	c2	appt-passport	2026-12-10 08:15:00+00	15
375	neder-over-heembeek	c2	appt-passport	2026-12-10 08:30:00+00	15
376	neder-over-heembeek	c2	appt-passport	2026-12-10 08:45:00+00	15
377	neder-over-heembeek	c2	appt-passport	2026-12-10 09:00:00+00	15
378	neder-over-heembeek	c2	appt-passport	2026-12-10 09:15:00+00	15
379	neder-over-heembeek	c2	appt-passport	2026-12-10 09:30:00+00	15
380	neder-over-heembeek	c2	appt-passport	2026-12-10 09:45:00+00	15
381	neder-over-heembeek	c2	appt-passport	2026-12-10 10:00:00+00	15
382	neder-over-heembeek	c2	appt-passport	2026-12-10 10:15:00+00	15
383	neder-over-heembeek	c2	appt-passport	2026-12-10 10:30:00+00	15
384	neder-over-heembeek	c2	appt-passport	2026-12-10 10:45:00+00	15
385	bxl-centre	c1	appt-id-card	2026-12-11 08:00:00+00	15
386	bxl-centre	c1	appt-id-card	2026-12-11 08:15:00+00	15
387	bxl-centre	c1	appt-id-card	2026-12-11 08:30:00+00	15
388	bxl-centre	c1	appt-id-card	2026-12-11 08:45:00+00	15
389	bxl-centre	c1	appt-id-card	2026-12-11 09:00:00+00	15
390	bxl-centre	c1	appt-id-card	2026-12-11 09:15:00+00	15
391	bxl-centre	c1	appt-id-card	2026-12-11 09:30:00+00	15
392	bxl-centre	c1	appt-id-card	2026-12-11 09:45:00+00	15
393	bxl-centre	c1	appt-id-card	2026-12-11 10:00:00+00	15
394	bxl-centre	c1	appt-id-card	2026-12-11 10:15:00+00	15
395	bxl-centre	c1	appt-id-card	2026-12-11 10:30:00+00	15
396	bxl-centre	c1	appt-id-card	2026-12-11 10:45:00+00	15
397	bxl-centre	c2	appt-passport	2026-12-11 08:00:00+00	15
398	bxl-centre	c2	appt-passport	2026-12-11 08:15:00+00	15
399	bxl-centre	c2	appt-passport	2026-12-11 08:30:00+00	15
400	bxl-centre	c2	appt-passport	2026-12-11 08:45:00+00	15
401	bxl-centre	c2	appt-passport	2026-12-11 09:00:00+00	15
402	bxl-centre	c2	appt-passport	2026-12-11 09:15:00+00	15
403	bxl-centre	c2	appt-passport	2026-12-11 09:30:00+00	15
404	bxl-centre	c2	appt-passport	2026-12-11 09:45:00+00	15
405	bxl-centre	c2	appt-passport	2026-12-11 10:00:00+00	15
406	bxl-centre	c2	appt-passport	2026-12-11 10:15:00+00	15
407	bxl-centre	c2	appt-passport	2026-12-11 10:30:00+00	15
408	bxl-centre	c2	appt-passport	2026-12-11 10:45:00+00	15
409	laeken	c1	appt-id-card	2026-12-11 08:00:00+00	15
410	laeken	c1	appt-id-card	2026-12-11 08:15:00+00	15
411	laeken	c1	appt-id-card	2026-12-11 08:30:00+00	15
412	laeken	c1	appt-id-card	2026-12-11 08:45:00+00	15
413	laeken	c1	appt-id-card	2026-12-11 09:00:00+00	15
414	laeken	c1	appt-id-card	2026-12-11 09:15:00+00	15
415	laeken	c1	appt-id-card	2026-12-11 09:30:00+00	15
416	laeken	c1	appt-id-card	2026-12-11 09:45:00+00	15
417	laeken	c1	appt-id-card	2026-12-11 10:00:00+00	15
418	laeken	c1	appt-id-card	2026-12-11 10:15:00+00	15
419	laeken	c1	appt-id-card	2026-12-11 10:30:00+00	15
420	laeken	c1	appt-id-card	2026-12-11 10:45:00+00	15
421	laeken	c2	appt-passport	2026-12-11 08:00:00+00	15
422	laeken	c2	appt-passport	2026-12-11 08:15:00+00	15
423	laeken	c2	appt-passport	2026-12-11 08:30:00+00	15
424	laeken	c2	appt-passport	2026-12-11 08:45:00+00	15
425	laeken	c2	appt-passport	2026-12-11 09:00:00+00	15
426	laeken	c2	appt-passport	2026-12-11 09:15:00+00	15
427	laeken	c2	appt-passport	2026-12-11 09:30:00+00	15
428	laeken	c2	appt-passport	2026-12-11 09:45:00+00	15
429	laeken	c2	appt-passport	2026-12-11 10:00:00+00	15
430	laeken	c2	appt-passport	2026-12-11 10:15:00+00	15
431	laeken	c2	appt-passport	2026-12-11 10:30:00+00	15
432	laeken	c2	appt-passport	2026-12-11 10:45:00+00	15
433	haren	c1	appt-id-card	2026-12-11 08:00:00+00	15
434	haren	c1	appt-id-card	2026-12-11 08:15:00+00	15
435	haren	c1	appt-id-card	2026-12-11 08:30:00+00	15
436	haren	c1	appt-id-card	2026-12-11 08:45:00+00	15
437	haren	c1	appt-id-card	2026-12-11 09:00:00+00	15
438	haren	c1	appt-id-card	2026-12-11 09:15:00+00	15
439	haren	c1	appt-id-card	2026-12-11 09:30:00+00	15
440	haren	c1	appt-id-card	2026-12-11 09:45:00+00	15
441	haren	c1	appt-id-card	2026-12-11 10:00:00+00	15
442	haren	c1	appt-id-card	2026-12-11 10:15:00+00	15
443	haren	c1	appt-id-card	2026-12-11 10:30:00+00	15
444	haren	c1	appt-id-card	2026-12-11 10:45:00+00	15
445	haren	c2	appt-passport	2026-12-11 08:00:00+00	15
446	haren	c2	appt-passport	2026-12-11 08:15:00+00	15
447	haren	c2	appt-passport	2026-12-11 08:30:00+00	15
448	haren	c2	appt-passport	2026-12-11 08:45:00+00	15
449	haren	c2	appt-passport	2026-12-11 09:00:00+00	15
450	haren	c2	appt-passport	2026-12-11 09:15:00+00	15
451	haren	c2	appt-passport	2026-12-11 09:30:00+00	15
452	haren	c2	appt-passport	2026-12-11 09:45:00+00	15
453	haren	c2	appt-passport	2026-12-11 10:00:00+00	15
454	haren	c2	appt-passport	2026-12-11 10:15:00+00	15
455	haren	c2	appt-passport	2026-12-11 10:30:00+00	15
456	haren	c2	appt-passport	2026-12-11 10:45:00+00	15
457	neder-over-heembeek	c1	appt-id-card	2026-12-11 08:00:00+00	15
458	neder-over-heembeek	c1	appt-id-card	2026-12-11 08:15:00+00	15
459	neder-over-heembeek	c1	appt-id-card	2026-12-11 08:30:00+00	15
460	neder-over-heembeek	c1	appt-id-card	2026-12-11 08:45:00+00	15
461	neder-over-heembeek	c1	appt-id-card	2026-12-11 09:00:00+00	15
462	neder-over-heembeek	c1	appt-id-card	2026-12-11 09:15:00+00	15
463	neder-over-heembeek	c1	appt-id-card	2026-12-11 09:30:00+00	15
464	neder-over-heembeek	c1	appt-id-card	2026-12-11 09:45:00+00	15
465	neder-over-heembeek	c1	appt-id-card	2026-12-11 10:00:00+00	15
466	neder-over-heembeek	c1	appt-id-card	2026-12-11 10:15:00+00	15
467	neder-over-heembeek	c1	appt-id-card	2026-12-11 10:30:00+00	15
468	neder-over-heembeek	c1	appt-id-card	2026-12-11 10:45:00+00	15
469	neder-over-heembeek	c2	appt-passport	2026-12-11 08:00:00+00	15
470	neder-over-heembeek	c2	appt-passport	2026-12-11 08:15:00+00	15
471	neder-over-heembeek	c2	appt-passport	2026-12-11 08:30:00+00	15
472	neder-over-heembeek	c2	appt-passport	2026-12-11 08:45:00+00	15
473	neder-over-heembeek	c2	appt-passport	2026-12-11 09:00:00+00	15
474	neder-over-heembeek	c2	appt-passport	2026-12-11 09:15:00+00	15
475	neder-over-heembeek	c2	appt-passport	2026-12-11 09:30:00+00	15
476	neder-over-heembeek	c2	appt-passport	2026-12-11 09:45:00+00	15
477	neder-over-heembeek	c2	appt-passport	2026-12-11 10:00:00+00	15
478	neder-over-heembeek	c2	appt-passport	2026-12-11 10:15:00+00	15
479	neder-over-heembeek	c2	appt-passport	2026-12-11 10:30:00+00	15
480	neder-over-heembeek	c2	appt-passport	2026-12-11 10:45:00+00	15
481	bxl-centre	c1	appt-id-card	2026-12-14 08:00:00+00	15
482	bxl-centre	c1	appt-id-card	2026-12-14 08:15:00+00	15
483	bxl-centre	c1	appt-id-card	2026-12-14 08:30:00+00	15
484	bxl-centre	c1	appt-id-card	2026-12-14 08:45:00+00	15
485	bxl-centre	c1	appt-id-card	2026-12-14 09:00:00+00	15
486	bxl-centre	c1	appt-id-card	2026-12-14 09:15:00+00	15
487	bxl-centre	c1	appt-id-card	2026-12-14 09:30:00+00	15
488	bxl-centre	c1	appt-id-card	2026-12-14 09:45:00+00	15
489	bxl-centre	c1	appt-id-card	2026-12-14 10:00:00+00	15
490	bxl-centre	c1	appt-id-card	2026-12-14 10:15:00+00	15
491	bxl-centre	c1	appt-id-card	2026-12-14 10:30:00+00	15
492	bxl-centre	c1	appt-id-card	2026-12-14 10:45:00+00	15
493	bxl-centre	c2	appt-passport	2026-12-14 08:00:00+00	15
494	bxl-centre	c2	appt-passport	2026-12-14 08:15:00+00	15
495	bxl-centre	c2	appt-passport	2026-12-14 08:30:00+00	15
496	bxl-centre	c2	appt-passport	2026-12-14 08:45:00+00	15
497	bxl-centre	c2	appt-passport	2026-12-14 09:00:00+00	15
498	bxl-centre	c2	appt-passport	2026-12-14 09:15:00+00	15
499	bxl-centre	c2	appt-passport	2026-12-14 09:30:00+00	15
500	bxl-centre	c2	appt-passport	2026-12-14 09:45:00+00	15
501	bxl-centre	c2	appt-passport	2026-12-14 10:00:00+00	15
502	bxl-centre	c2	appt-passport	2026-12-14 10:15:00+00	15
503	bxl-centre	c2	appt-passport	2026-12-14 10:30:00+00	15
504	bxl-centre	c2	appt-passport	2026-12-14 10:45:00+00	15
505	laeken	c1	appt-id-card	2026-12-14 08:00:00+00	15
506	laeken	c1	appt-id-card	2026-12-14 08:15:00+00	15
507	laeken	c1	appt-id-card	2026-12-14 08:30:00+00	15
508	laeken	c1	appt-id-card	2026-12-14 08:45:00+00	15
509	laeken	c1	appt-id-card	2026-12-14 09:00:00+00	15
510	laeken	c1	appt-id-card	2026-12-14 09:15:00+00	15
511	laeken	c1	appt-id-card	2026-12-14 09:30:00+00	15
512	laeken	c1	appt-id-card	2026-12-14 09:45:00+00	15
513	laeken	c1	appt-id-card	2026-12-14 10:00:00+00	15
514	laeken	c1	appt-id-card	2026-12-14 10:15:00+00	15
515	laeken	c1	appt-id-card	2026-12-14 10:30:00+00	15
516	laeken	c1	appt-id-card	2026-12-14 10:45:00+00	15
517	laeken	c2	appt-passport	2026-12-14 08:00:00+00	15
518	laeken	c2	appt-passport	2026-12-14 08:15:00+00	15
519	laeken	c2	appt-passport	2026-12-14 08:30:00+00	15
520	laeken	c2	appt-passport	2026-12-14 08:45:00+00	15
521	laeken	c2	appt-passport	2026-12-14 09:00:00+00	15
522	laeken	c2	appt-passport	2026-12-14 09:15:00+00	15
523	laeken	c2	appt-passport	2026-12-14 09:30:00+00	15
524	laeken	c2	appt-passport	2026-12-14 09:45:00+00	15
525	laeken	c2	appt-passport	2026-12-14 10:00:00+00	15
526	laeken	c2	appt-passport	2026-12-14 10:15:00+00	15
527	laeken	c2	appt-passport	2026-12-14 10:30:00+00	15
528	laeken	c2	appt-passport	2026-12-14 10:45:00+00	15
529	haren	c1	appt-id-card	2026-12-14 08:00:00+00	15
530	haren	c1	appt-id-card	2026-12-14 08:15:00+00	15
531	haren	c1	appt-id-card	2026-12-14 08:30:00+00	15
532	haren	c1	appt-id-card	2026-12-14 08:45:00+00	15
533	haren	c1	appt-id-card	2026-12-14 09:00:00+00	15
534	haren	c1	appt-id-card	2026-12-14 09:15:00+00	15
535	haren	c1	appt-id-card	2026-12-14 09:30:00+00	15
536	haren	c1	appt-id-card	2026-12-14 09:45:00+00	15
537	haren	c1	appt-id-card	2026-12-14 10:00:00+00	15
538	haren	c1	appt-id-card	2026-12-14 10:15:00+00	15
539	haren	c1	appt-id-card	2026-12-14 10:30:00+00	15
540	haren	c1	appt-id-card	2026-12-14 10:45:00+00	15
541	haren	c2	appt-passport	2026-12-14 08:00:00+00	15
542	haren	c2	appt-passport	2026-12-14 08:15:00+00	15
543	haren	c2	appt-passport	2026-12-14 08:30:00+00	15
544	haren	c2	appt-passport	2026-12-14 08:45:00+00	15
545	haren	c2	appt-passport	2026-12-14 09:00:00+00	15
546	haren	c2	appt-passport	2026-12-14 09:15:00+00	15
547	haren	c2	appt-passport	2026-12-14 09:30:00+00	15
548	haren	c2	appt-passport	2026-12-14 09:45:00+00	15
549	haren	c2	appt-passport	2026-12-14 10:00:00+00	15
550	haren	c2	appt-passport	2026-12-14 10:15:00+00	15
551	haren	c2	appt-passport	2026-12-14 10:30:00+00	15
552	haren	c2	appt-passport	2026-12-14 10:45:00+00	15
553	neder-over-heembeek	c1	appt-id-card	2026-12-14 08:00:00+00	15
554	neder-over-heembeek	c1	appt-id-card	2026-12-14 08:15:00+00	15
555	neder-over-heembeek	c1	appt-id-card	2026-12-14 08:30:00+00	15
556	neder-over-heembeek	c1	appt-id-card	2026-12-14 08:45:00+00	15
557	neder-over-heembeek	c1	appt-id-card	2026-12-14 09:00:00+00	15
558	neder-over-heembeek	c1	appt-id-card	2026-12-14 09:15:00+00	15
559	neder-over-heembeek	c1	appt-id-card	2026-12-14 09:30:00+00	15
560	neder-over-heembeek	c1	appt-id-card	2026-12-14 09:45:00+00	15
561	neder-over-heembeek	c1	appt-id-card	2026-12-14 10:00:00+00	15
562	neder-over-heembeek	c1	appt-id-card	2026-12-14 10:15:00+00	15
563	neder-over-heembeek	c1	appt-id-card	2026-12-14 10:30:00+00	15
564	neder-over-heembeek	c1	appt-id-card	2026-12-14 10:45:00+00	15
565	neder-over-heembeek	c2	appt-passport	2026-12-14 08:00:00+00	15
566	neder-over-heembeek	c2	appt-passport	2026-12-14 08:15:00+00	15
567	neder-over-heembeek	c2	appt-passport	2026-12-14 08:30:00+00	15
568	neder-over-heembeek	c2	appt-passport	2026-12-14 08:45:00+00	15
569	neder-over-heembeek	c2	appt-passport	2026-12-14 09:00:00+00	15
570	neder-over-heembeek	c2	appt-passport	2026-12-14 09:15:00+00	15
571	neder-over-heembeek	c2	appt-passport	2026-12-14 09:30:00+00	15
572	neder-over-heembeek	c2	appt-passport	2026-12-14 09:45:00+00	15
573	neder-over-heembeek	c2	appt-passport	2026-12-14 10:00:00+00	15
574	neder-over-heembeek	c2	appt-passport	2026-12-14 10:15:00+00	15
575	neder-over-heembeek	c2	appt-passport	2026-12-14 10:30:00+00	15
576	neder-over-heembeek	c2	appt-passport	2026-12-14 10:45:00+00	15
577	bxl-centre	c1	appt-id-card	2026-12-15 08:00:00+00	15
578	bxl-centre	c1	appt-id-card	2026-12-15 08:15:00+00	15
579	bxl-centre	c1	appt-id-card	2026-12-15 08:30:00+00	15
580	bxl-centre	c1	appt-id-card	2026-12-15 08:45:00+00	15
581	bxl-centre	c1	appt-id-card	2026-12-15 09:00:00+00	15
582	bxl-centre	c1	appt-id-card	2026-12-15 09:15:00+00	15
583	bxl-centre	c1	appt-id-card	2026-12-15 09:30:00+00	15
584	bxl-centre	c1	appt-id-card	2026-12-15 09:45:00+00	15
585	bxl-centre	c1	appt-id-card	2026-12-15 10:00:00+00	15
586	bxl-centre	c1	appt-id-card	2026-12-15 10:15:00+00	15
587	bxl-centre	c1	appt-id-card	2026-12-15 10:30:00+00	15
588	bxl-centre	c1	appt-id-card	2026-12-15 10:45:00+00	15
589	bxl-centre	c2	appt-passport	2026-12-15 08:00:00+00	15
590	bxl-centre	c2	appt-passport	2026-12-15 08:15:00+00	15
591	bxl-centre	c2	appt-passport	2026-12-15 08:30:00+00	15
592	bxl-centre	c2	appt-passport	2026-12-15 08:45:00+00	15
593	bxl-centre	c2	appt-passport	2026-12-15 09:00:00+00	15
594	bxl-centre	c2	appt-passport	2026-12-15 09:15:00+00	15
595	bxl-centre	c2	appt-passport	2026-12-15 09:30:00+00	15
596	bxl-centre	c2	appt-passport	2026-12-15 09:45:00+00	15
597	bxl-centre	c2	appt-passport	2026-12-15 10:00:00+00	15
598	bxl-centre	c2	appt-passport	2026-12-15 10:15:00+00	15
599	bxl-centre	c2	appt-passport	2026-12-15 10:30:00+00	15
600	bxl-centre	c2	appt-passport	2026-12-15 10:45:00+00	15
601	laeken	c1	appt-id-card	2026-12-15 08:00:00+00	15
602	laeken	c1	appt-id-card	2026-12-15 08:15:00+00	15
603	laeken	c1	appt-id-card	2026-12-15 08:30:00+00	15
604	laeken	c1	appt-id-card	2026-12-15 08:45:00+00	15
605	laeken	c1	appt-id-card	2026-12-15 09:00:00+00	15
606	laeken	c1	appt-id-card	2026-12-15 09:15:00+00	15
607	laeken	c1	appt-id-card	2026-12-15 09:30:00+00	15
608	laeken	c1	appt-id-card	2026-12-15 09:45:00+00	15
609	laeken	c1	appt-id-card	2026-12-15 10:00:00+00	15
610	laeken	c1	appt-id-card	2026-12-15 10:15:00+00	15
611	laeken	c1	appt-id-card	2026-12-15 10:30:00+00	15
612	laeken	c1	appt-id-card	2026-12-15 10:45:00+00	15
613	laeken	c2	appt-passport	2026-12-15 08:00:00+00	15
614	laeken	c2	appt-passport	2026-12-15 08:15:00+00	15
615	laeken	c2	appt-passport	2026-12-15 08:30:00+00	15
616	laeken	c2	appt-passport	2026-12-15 08:45:00+00	15
617	laeken	c2	appt-passport	2026-12-15 09:00:00+00	15
618	laeken	c2	appt-passport	2026-12-15 09:15:00+00	15
619	laeken	c2	appt-passport	2026-12-15 09:30:00+00	15
620	laeken	c2	appt-passport	2026-12-15 09:45:00+00	15
621	laeken	c2	appt-passport	2026-12-15 10:00:00+00	15
622	laeken	c2	appt-passport	2026-12-15 10:15:00+00	15
623	laeken	c2	appt-passport	2026-12-15 10:30:00+00	15
624	laeken	c2	appt-passport	2026-12-15 10:45:00+00	15
625	haren	c1	appt-id-card	2026-12-15 08:00:00+00	15
626	haren	c1	appt-id-card	2026-12-15 08:15:00+00	15
627	haren	c1	appt-id-card	2026-12-15 08:30:00+00	15
628	haren	c1	appt-id-card	2026-12-15 08:45:00+00	15
629	haren	c1	appt-id-card	2026-12-15 09:00:00+00	15
630	haren	c1	appt-id-card	2026-12-15 09:15:00+00	15
631	haren	c1	appt-id-card	2026-12-15 09:30:00+00	15
632	haren	c1	appt-id-card	2026-12-15 09:45:00+00	15
633	haren	c1	appt-id-card	2026-12-15 10:00:00+00	15
634	haren	c1	appt-id-card	2026-12-15 10:15:00+00	15
635	haren	c1	appt-id-card	2026-12-15 10:30:00+00	15
636	haren	c1	appt-id-card	2026-12-15 10:45:00+00	15
637	haren	c2	appt-passport	2026-12-15 08:00:00+00	15
638	haren	c2	appt-passport	2026-12-15 08:15:00+00	15
639	haren	c2	appt-passport	2026-12-15 08:30:00+00	15
640	haren	c2	appt-passport	2026-12-15 08:45:00+00	15
641	haren	c2	appt-passport	2026-12-15 09:00:00+00	15
642	haren	c2	appt-passport	2026-12-15 09:15:00+00	15
643	haren	c2	appt-passport	2026-12-15 09:30:00+00	15
644	haren	c2	appt-passport	2026-12-15 09:45:00+00	15
645	haren	c2	appt-passport	2026-12-15 10:00:00+00	15
646	haren	c2	appt-passport	2026-12-15 10:15:00+00	15
647	haren	c2	appt-passport	2026-12-15 10:30:00+00	15
648	haren	c2	appt-passport	2026-12-15 10:45:00+00	15
649	neder-over-heembeek	c1	appt-id-card	2026-12-15 08:00:00+00	15
650	neder-over-heembeek	c1	appt-id-card	2026-12-15 08:15:00+00	15
651	neder-over-heembeek	c1	appt-id-card	2026-12-15 08:30:00+00	15
652	neder-over-heembeek	c1	appt-id-card	2026-12-15 08:45:00+00	15
653	neder-over-heembeek	c1	appt-id-card	2026-12-15 09:00:00+00	15
654	neder-over-heembeek	c1	appt-id-card	2026-12-15 09:15:00+00	15
655	neder-over-heembeek	c1	appt-id-card	2026-12-15 09:30:00+00	15
656	neder-over-heembeek	c1	appt-id-card	2026-12-15 09:45:00+00	15
657	neder-over-heembeek	c1	appt-id-card	2026-12-15 10:00:00+00	15
658	neder-over-heembeek	c1	appt-id-card	2026-12-15 10:15:00+00	15
659	neder-over-heembeek	c1	appt-id-card	2026-12-15 10:30:00+00	15
660	neder-over-heembeek	c1	appt-id-card	2026-12-15 10:45:00+00	15
661	neder-over-heembeek	c2	appt-passport	2026-12-15 08:00:00+00	15
662	neder-over-heembeek	c2	appt-passport	2026-12-15 08:15:00+00	15
663	neder-over-heembeek	c2	appt-passport	2026-12-15 08:30:00+00	15
664	neder-over-heembeek	c2	appt-passport	2026-12-15 08:45:00+00	15
665	neder-over-heembeek	c2	appt-passport	2026-12-15 09:00:00+00	15
666	neder-over-heembeek	c2	appt-passport	2026-12-15 09:15:00+00	15
667	neder-over-heembeek	c2	appt-passport	2026-12-15 09:30:00+00	15
668	neder-over-heembeek	c2	appt-passport	2026-12-15 09:45:00+00	15
669	neder-over-heembeek	c2	appt-passport	2026-12-15 10:00:00+00	15
670	neder-over-heembeek	c2	appt-passport	2026-12-15 10:15:00+00	15
671	neder-over-heembeek	c2	appt-passport	2026-12-15 10:30:00+00	15
672	neder-over-heembeek	c2	appt-passport	2026-12-15 10:45:00+00	15
673	bxl-centre	c1	appt-id-card	2026-12-16 08:00:00+00	15
674	bxl-centre	c1	appt-id-card	2026-12-16 08:15:00+00	15
675	bxl-centre	c1	appt-id-card	2026-12-16 08:30:00+00	15
676	bxl-centre	c1	appt-id-card	2026-12-16 08:45:00+00	15
677	bxl-centre	c1	appt-id-card	2026-12-16 09:00:00+00	15
678	bxl-centre	c1	appt-id-card	2026-12-16 09:15:00+00	15
679	bxl-centre	c1	appt-id-card	2026-12-16 09:30:00+00	15
680	bxl-centre	c1	appt-id-card	2026-12-16 09:45:00+00	15
681	bxl-centre	c1	appt-id-card	2026-12-16 10:00:00+00	15
682	bxl-centre	c1	appt-id-card	2026-12-16 10:15:00+00	15
683	bxl-centre	c1	appt-id-card	2026-12-16 10:30:00+00	15
684	bxl-centre	c1	appt-id-card	2026-12-16 10:45:00+00	15
685	bxl-centre	c2	appt-passport	2026-12-16 08:00:00+00	15
686	bxl-centre	c2	appt-passport	2026-12-16 08:15:00+00	15
687	bxl-centre	c2	appt-passport	2026-12-16 08:30:00+00	15
688	bxl-centre	c2	appt-passport	2026-12-16 08:45:00+00	15
689	bxl-centre	c2	appt-passport	2026-12-16 09:00:00+00	15
690	bxl-centre	c2	appt-passport	2026-12-16 09:15:00+00	15
691	bxl-centre	c2	appt-passport	2026-12-16 09:30:00+00	15
692	bxl-centre	c2	appt-passport	2026-12-16 09:45:00+00	15
693	bxl-centre	c2	appt-passport	2026-12-16 10:00:00+00	15
694	bxl-centre	c2	appt-passport	2026-12-16 10:15:00+00	15
695	bxl-centre	c2	appt-passport	2026-12-16 10:30:00+00	15
696	bxl-centre	c2	appt-passport	2026-12-16 10:45:00+00	15
697	laeken	c1	appt-id-card	2026-12-16 08:00:00+00	15
698	laeken	c1	appt-id-card	2026-12-16 08:15:00+00	15
699	laeken	c1	appt-id-card	2026-12-16 08:30:00+00	15
700	laeken	c1	appt-id-card	2026-12-16 08:45:00+00	15
701	laeken	c1	appt-id-card	2026-12-16 09:00:00+00	15
702	laeken	c1	appt-id-card	2026-12-16 09:15:00+00	15
703	laeken	c1	appt-id-card	2026-12-16 09:30:00+00	15
704	laeken	c1	appt-id-card	2026-12-16 09:45:00+00	15
705	laeken	c1	appt-id-card	2026-12-16 10:00:00+00	15
706	laeken	c1	appt-id-card	2026-12-16 10:15:00+00	15
707	laeken	c1	appt-id-card	2026-12-16 10:30:00+00	15
708	laeken	c1	appt-id-card	2026-12-16 10:45:00+00	15
709	laeken	c2	appt-passport	2026-12-16 08:00:00+00	15
710	laeken	c2	appt-passport	2026-12-16 08:15:00+00	15
711	laeken	c2	appt-passport	2026-12-16 08:30:00+00	15
712	laeken	c2	appt-passport	2026-12-16 08:45:00+00	15
713	laeken	c2	appt-passport	2026-12-16 09:00:00+00	15
714	laeken	c2	appt-passport	2026-12-16 09:15:00+00	15
715	laeken	c2	appt-passport	2026-12-16 09:30:00+00	15
716	laeken	c2	appt-passport	2026-12-16 09:45:00+00	15
717	laeken	c2	appt-passport	2026-12-16 10:00:00+00	15
718	laeken	c2	appt-passport	2026-12-16 10:15:00+00	15
719	laeken	c2	appt-passport	2026-12-16 10:30:00+00	15
720	laeken	c2	appt-passport	2026-12-16 10:45:00+00	15
721	haren	c1	appt-id-card	2026-12-16 08:00:00+00	15
722	haren	c1	appt-id-card	2026-12-16 08:15:00+00	15
723	haren	c1	appt-id-card	2026-12-16 08:30:00+00	15
724	haren	c1	appt-id-card	2026-12-16 08:45:00+00	15
725	haren	c1	appt-id-card	2026-12-16 09:00:00+00	15
726	haren	c1	appt-id-card	2026-12-16 09:15:00+00	15
727	haren	c1	appt-id-card	2026-12-16 09:30:00+00	15
728	haren	c1	appt-id-card	2026-12-16 09:45:00+00	15
729	haren	c1	appt-id-card	2026-12-16 10:00:00+00	15
730	haren	c1	appt-id-card	2026-12-16 10:15:00+00	15
731	haren	c1	appt-id-card	2026-12-16 10:30:00+00	15
732	haren	c1	appt-id-card	2026-12-16 10:45:00+00	15
733	haren	c2	appt-passport	2026-12-16 08:00:00+00	15
734	haren	c2	appt-passport	2026-12-16 08:15:00+00	15
735	haren	c2	appt-passport	2026-12-16 08:30:00+00	15
736	haren	c2	appt-passport	2026-12-16 08:45:00+00	15
737	haren	c2	appt-passport	2026-12-16 09:00:00+00	15
738	haren	c2	appt-passport	2026-12-16 09:15:00+00	15
739	haren	c2	appt-passport	2026-12-16 09:30:00+00	15
740	haren	c2	appt-passport	2026-12-16 09:45:00+00	15
741	haren	c2	appt-passport	2026-12-16 10:00:00+00	15
742	haren	c2	appt-passport	2026-12-16 10:15:00+00	15
743	haren	c2	appt-passport	2026-12-16 10:30:00+00	15
744	haren	c2	appt-passport	2026-12-16 10:45:00+00	15
745	neder-over-heembeek	c1	appt-id-card	2026-12-16 08:00:00+00	15
746	neder-over-heembeek	c1	appt-id-card	2026-12-16 08:15:00+00	15
747	neder-over-heembeek	c1	appt-id-card	2026-12-16 08:30:00+00	15
748	neder-over-heembeek	c1	appt-id-card	2026-12-16 08:45:00+00	15
749	neder-over-heembeek	c1	appt-id-card	2026-12-16 09:00:00+00	15
750	neder-over-heembeek	c1	appt-id-card	2026-12-16 09:15:00+00	15
751	neder-over-heembeek	c1	appt-id-card	2026-12-16 09:30:00+00	15
752	neder-over-heembeek	c1	appt-id-card	2026-12-16 09:45:00+00	15
753	neder-over-heembeek	c1	appt-id-card	2026-12-16 10:00:00+00	15
754	neder-over-heembeek	c1	appt-id-card	2026-12-16 10:15:00+00	15
755	neder-over-heembeek	c1	appt-id-card	2026-12-16 10:30:00+00	15
756	neder-over-heembeek	c1	appt-id-card	2026-12-16 10:45:00+00	15
757	neder-over-heembeek	c2	appt-passport	2026-12-16 08:00:00+00	15
758	neder-over-heembeek	c2	appt-passport	2026-12-16 08:15:00+00	15
759	neder-over-heembeek	c2	appt-passport	2026-12-16 08:30:00+00	15
760	neder-over-heembeek	c2	appt-passport	2026-12-16 08:45:00+00	15
761	neder-over-heembeek	c2	appt-passport	2026-12-16 09:00:00+00	15
762	neder-over-heembeek	c2	appt-passport	2026-12-16 09:15:00+00	15
763	neder-over-heembeek	c2	appt-passport	2026-12-16 09:30:00+00	15
764	neder-over-heembeek	c2	appt-passport	2026-12-16 09:45:00+00	15
765	neder-over-heembeek	c2	appt-passport	2026-12-16 10:00:00+00	15
766	neder-over-heembeek	c2	appt-passport	2026-12-16 10:15:00+00	15
767	neder-over-heembeek	c2	appt-passport	2026-12-16 10:30:00+00	15
768	neder-over-heembeek	c2	appt-passport	2026-12-16 10:45:00+00	15
769	bxl-centre	c1	appt-id-card	2026-12-17 08:00:00+00	15
770	bxl-centre	c1	appt-id-card	2026-12-17 08:15:00+00	15
771	bxl-centre	c1	appt-id-card	2026-12-17 08:30:00+00	15
772	bxl-centre	c1	appt-id-card	2026-12-17 08:45:00+00	15
773	bxl-centre	c1	appt-id-card	2026-12-17 09:00:00+00	15
774	bxl-centre	c1	appt-id-card	2026-12-17 09:15:00+00	15
775	bxl-centre	c1	appt-id-card	2026-12-17 09:30:00+00	15
776	bxl-centre	c1	appt-id-card	2026-12-17 09:45:00+00	15
777	bxl-centre	c1	appt-id-card	2026-12-17 10:00:00+00	15
778	bxl-centre	c1	appt-id-card	2026-12-17 10:15:00+00	15
779	bxl-centre	c1	appt-id-card	2026-12-17 10:30:00+00	15
780	bxl-centre	c1	appt-id-card	2026-12-17 10:45:00+00	15
781	bxl-centre	c2	appt-passport	2026-12-17 08:00:00+00	15
782	bxl-centre	c2	appt-passport	2026-12-17 08:15:00+00	15
783	bxl-centre	c2	appt-passport	2026-12-17 08:30:00+00	15
784	bxl-centre	c2	appt-passport	2026-12-17 08:45:00+00	15
785	bxl-centre	c2	appt-passport	2026-12-17 09:00:00+00	15
786	bxl-centre	c2	appt-passport	2026-12-17 09:15:00+00	15
787	bxl-centre	c2	appt-passport	2026-12-17 09:30:00+00	15
788	bxl-centre	c2	appt-passport	2026-12-17 09:45:00+00	15
789	bxl-centre	c2	appt-passport	2026-12-17 10:00:00+00	15
790	bxl-centre	c2	appt-passport	2026-12-17 10:15:00+00	15
791	bxl-centre	c2	appt-passport	2026-12-17 10:30:00+00	15
792	bxl-centre	c2	appt-passport	2026-12-17 10:45:00+00	15
793	laeken	c1	appt-id-card	2026-12-17 08:00:00+00	15
794	laeken	c1	appt-id-card	2026-12-17 08:15:00+00	15
795	laeken	c1	appt-id-card	2026-12-17 08:30:00+00	15
796	laeken	c1	appt-id-card	2026-12-17 08:45:00+00	15
797	laeken	c1	appt-id-card	2026-12-17 09:00:00+00	15
798	laeken	c1	appt-id-card	2026-12-17 09:15:00+00	15
799	laeken	c1	appt-id-card	2026-12-17 09:30:00+00	15
800	laeken	c1	appt-id-card	2026-12-17 09:45:00+00	15
801	laeken	c1	appt-id-card	2026-12-17 10:00:00+00	15
802	laeken	c1	appt-id-card	2026-12-17 10:15:00+00	15
803	laeken	c1	appt-id-card	2026-12-17 10:30:00+00	15
804	laeken	c1	appt-id-card	2026-12-17 10:45:00+00	15
805	laeken	c2	appt-passport	2026-12-17 08:00:00+00	15
806	laeken	c2	appt-passport	2026-12-17 08:15:00+00	15
807	laeken	c2	appt-passport	2026-12-17 08:30:00+00	15
808	laeken	c2	appt-passport	2026-12-17 08:45:00+00	15
809	laeken	c2	appt-passport	2026-12-17 09:00:00+00	15
810	laeken	c2	appt-passport	2026-12-17 09:15:00+00	15
811	laeken	c2	appt-passport	2026-12-17 09:30:00+00	15
812	laeken	c2	appt-passport	2026-12-17 09:45:00+00	15
813	laeken	c2	appt-passport	2026-12-17 10:00:00+00	15
814	laeken	c2	appt-passport	2026-12-17 10:15:00+00	15
815	laeken	c2	appt-passport	2026-12-17 10:30:00+00	15
816	laeken	c2	appt-passport	2026-12-17 10:45:00+00	15
817	haren	c1	appt-id-card	2026-12-17 08:00:00+00	15
818	haren	c1	appt-id-card	2026-12-17 08:15:00+00	15
819	haren	c1	appt-id-card	2026-12-17 08:30:00+00	15
820	haren	c1	appt-id-card	2026-12-17 08:45:00+00	15
821	haren	c1	appt-id-card	2026-12-17 09:00:00+00	15
822	haren	c1	appt-id-card	2026-12-17 09:15:00+00	15
823	haren	c1	appt-id-card	2026-12-17 09:30:00+00	15
824	haren	c1	appt-id-card	2026-12-17 09:45:00+00	15
825	haren	c1	appt-id-card	2026-12-17 10:00:00+00	15
826	haren	c1	appt-id-card	2026-12-17 10:15:00+00	15
827	haren	c1	appt-id-card	2026-12-17 10:30:00+00	15
828	haren	c1	appt-id-card	2026-12-17 10:45:00+00	15
829	haren	c2	appt-passport	2026-12-17 08:00:00+00	15
830	haren	c2	appt-passport	2026-12-17 08:15:00+00	15
831	haren	c2	appt-passport	2026-12-17 08:30:00+00	15
832	haren	c2	appt-passport	2026-12-17 08:45:00+00	15
833	haren	c2	appt-passport	2026-12-17 09:00:00+00	15
834	haren	c2	appt-passport	2026-12-17 09:15:00+00	15
835	haren	c2	appt-passport	2026-12-17 09:30:00+00	15
836	haren	c2	appt-passport	2026-12-17 09:45:00+00	15
837	haren	c2	appt-passport	2026-12-17 10:00:00+00	15
838	haren	c2	appt-passport	2026-12-17 10:15:00+00	15
839	haren	c2	appt-passport	2026-12-17 10:30:00+00	15
840	haren	c2	appt-passport	2026-12-17 10:45:00+00	15
841	neder-over-heembeek	c1	appt-id-card	2026-12-17 08:00:00+00	15
842	neder-over-heembeek	c1	appt-id-card	2026-12-17 08:15:00+00	15
843	neder-over-heembeek	c1	appt-id-card	2026-12-17 08:30:00+00	15
844	neder-over-heembeek	c1	appt-id-card	2026-12-17 08:45:00+00	15
845	neder-over-heembeek	c1	appt-id-card	2026-12-17 09:00:00+00	15
846	neder-over-heembeek	c1	appt-id-card	2026-12-17 09:15:00+00	15
847	neder-over-heembeek	c1	appt-id-card	2026-12-17 09:30:00+00	15
848	neder-over-heembeek	c1	appt-id-card	2026-12-17 09:45:00+00	15
849	neder-over-heembeek	c1	appt-id-card	2026-12-17 10:00:00+00	15
850	neder-over-heembeek	c1	appt-id-card	2026-12-17 10:15:00+00	15
851	neder-over-heembeek	c1	appt-id-card	2026-12-17 10:30:00+00	15
852	neder-over-heembeek	c1	appt-id-card	2026-12-17 10:45:00+00	15
853	neder-over-heembeek	c2	appt-passport	2026-12-17 08:00:00+00	15
854	neder-over-heembeek	c2	appt-passport	2026-12-17 08:15:00+00	15
855	neder-over-heembeek	c2	appt-passport	2026-12-17 08:30:00+00	15
856	neder-over-heembeek	c2	appt-passport	2026-12-17 08:45:00+00	15
857	neder-over-heembeek	c2	appt-passport	2026-12-17 09:00:00+00	15
858	neder-over-heembeek	c2	appt-passport	2026-12-17 09:15:00+00	15
859	neder-over-heembeek	c2	appt-passport	2026-12-17 09:30:00+00	15
860	neder-over-heembeek	c2	appt-passport	2026-12-17 09:45:00+00	15
861	neder-over-heembeek	c2	appt-passport	2026-12-17 10:00:00+00	15
862	neder-over-heembeek	c2	appt-passport	2026-12-17 10:15:00+00	15
863	neder-over-heembeek	c2	appt-passport	2026-12-17 10:30:00+00	15
864	neder-over-heembeek	c2	appt-passport	2026-12-17 10:45:00+00	15
865	bxl-centre	c1	appt-id-card	2026-12-18 08:00:00+00	15
866	bxl-centre	c1	appt-id-card	2026-12-18 08:15:00+00	15
867	bxl-centre	c1	appt-id-card	2026-12-18 08:30:00+00	15
868	bxl-centre	c1	appt-id-card	2026-12-18 08:45:00+00	15
869	bxl-centre	c1	appt-id-card	2026-12-18 09:00:00+00	15
870	bxl-centre	c1	appt-id-card	2026-12-18 09:15:00+00	15
871	bxl-centre	c1	appt-id-card	2026-12-18 09:30:00+00	15
872	bxl-centre	c1	appt-id-card	2026-12-18 09:45:00+00	15
873	bxl-centre	c1	appt-id-card	2026-12-18 10:00:00+00	15
874	bxl-centre	c1	appt-id-card	2026-12-18 10:15:00+00	15
875	bxl-centre	c1	appt-id-card	2026-12-18 10:30:00+00	15
876	bxl-centre	c1	appt-id-card	2026-12-18 10:45:00+00	15
877	bxl-centre	c2	appt-passport	2026-12-18 08:00:00+00	15
878	bxl-centre	c2	appt-passport	2026-12-18 08:15:00+00	15
879	bxl-centre	c2	appt-passport	2026-12-18 08:30:00+00	15
880	bxl-centre	c2	appt-passport	2026-12-18 08:45:00+00	15
881	bxl-centre	c2	appt-passport	2026-12-18 09:00:00+00	15
882	bxl-centre	c2	appt-passport	2026-12-18 09:15:00+00	15
883	bxl-centre	c2	appt-passport	2026-12-18 09:30:00+00	15
884	bxl-centre	c2	appt-passport	2026-12-18 09:45:00+00	15
885	bxl-centre	c2	appt-passport	2026-12-18 10:00:00+00	15
886	bxl-centre	c2	appt-passport	2026-12-18 10:15:00+00	15
887	bxl-centre	c2	appt-passport	2026-12-18 10:30:00+00	15
888	bxl-centre	c2	appt-passport	2026-12-18 10:45:00+00	15
889	laeken	c1	appt-id-card	2026-12-18 08:00:00+00	15
890	laeken	c1	appt-id-card	2026-12-18 08:15:00+00	15
891	laeken	c1	appt-id-card	2026-12-18 08:30:00+00	15
892	laeken	c1	appt-id-card	2026-12-18 08:45:00+00	15
893	laeken	c1	appt-id-card	2026-12-18 09:00:00+00	15
894	laeken	c1	appt-id-card	2026-12-18 09:15:00+00	15
895	laeken	c1	appt-id-card	2026-12-18 09:30:00+00	15
896	laeken	c1	appt-id-card	2026-12-18 09:45:00+00	15
897	laeken	c1	appt-id-card	2026-12-18 10:00:00+00	15
898	laeken	c1	appt-id-card	2026-12-18 10:15:00+00	15
899	laeken	c1	appt-id-card	2026-12-18 10:30:00+00	15
900	laeken	c1	appt-id-card	2026-12-18 10:45:00+00	15
901	laeken	c2	appt-passport	2026-12-18 08:00:00+00	15
902	laeken	c2	appt-passport	2026-12-18 08:15:00+00	15
903	laeken	c2	appt-passport	2026-12-18 08:30:00+00	15
904	laeken	c2	appt-passport	2026-12-18 08:45:00+00	15
905	laeken	c2	appt-passport	2026-12-18 09:00:00+00	15
906	laeken	c2	appt-passport	2026-12-18 09:15:00+00	15
907	laeken	c2	appt-passport	2026-12-18 09:30:00+00	15
908	laeken	c2	appt-passport	2026-12-18 09:45:00+00	15
909	laeken	c2	appt-passport	2026-12-18 10:00:00+00	15
910	laeken	c2	appt-passport	2026-12-18 10:15:00+00	15
911	laeken	c2	appt-passport	2026-12-18 10:30:00+00	15
912	laeken	c2	appt-passport	2026-12-18 10:45:00+00	15
913	haren	c1	appt-id-card	2026-12-18 08:00:00+00	15
914	haren	c1	appt-id-card	2026-12-18 08:15:00+00	15
915	haren	c1	appt-id-card	2026-12-18 08:30:00+00	15
916	haren	c1	appt-id-card	2026-12-18 08:45:00+00	15
917	haren	c1	appt-id-card	2026-12-18 09:00:00+00	15
918	haren	c1	appt-id-card	2026-12-18 09:15:00+00	15
919	haren	c1	appt-id-card	2026-12-18 09:30:00+00	15
920	haren	c1	appt-id-card	2026-12-18 09:45:00+00	15
921	haren	c1	appt-id-card	2026-12-18 10:00:00+00	15
922	haren	c1	appt-id-card	2026-12-18 10:15:00+00	15
923	haren	c1	appt-id-card	2026-12-18 10:30:00+00	15
924	haren	c1	appt-id-card	2026-12-18 10:45:00+00	15
925	haren	c2	appt-passport	2026-12-18 08:00:00+00	15
926	haren	c2	appt-passport	2026-12-18 08:15:00+00	15
927	haren	c2	appt-passport	2026-12-18 08:30:00+00	15
928	haren	c2	appt-passport	2026-12-18 08:45:00+00	15
929	haren	c2	appt-passport	2026-12-18 09:00:00+00	15
930	haren	c2	appt-passport	2026-12-18 09:15:00+00	15
931	haren	c2	appt-passport	2026-12-18 09:30:00+00	15
932	haren	c2	appt-passport	2026-12-18 09:45:00+00	15
933	haren	c2	appt-passport	2026-12-18 10:00:00+00	15
934	haren	c2	appt-passport	2026-12-18 10:15:00+00	15
935	haren	c2	appt-passport	2026-12-18 10:30:00+00	15
936	haren	c2	appt-passport	2026-12-18 10:45:00+00	15
937	neder-over-heembeek	c1	appt-id-card	2026-12-18 08:00:00+00	15
938	neder-over-heembeek	c1	appt-id-card	2026-12-18 08:15:00+00	15
939	neder-over-heembeek	c1	appt-id-card	2026-12-18 08:30:00+00	15
940	neder-over-heembeek	c1	appt-id-card	2026-12-18 08:45:00+00	15
941	neder-over-heembeek	c1	appt-id-card	2026-12-18 09:00:00+00	15
942	neder-over-heembeek	c1	appt-id-card	2026-12-18 09:15:00+00	15
943	neder-over-heembeek	c1	appt-id-card	2026-12-18 09:30:00+00	15
944	neder-over-heembeek	c1	appt-id-card	2026-12-18 09:45:00+00	15
945	neder-over-heembeek	c1	appt-id-card	2026-12-18 10:00:00+00	15
946	neder-over-heembeek	c1	appt-id-card	2026-12-18 10:15:00+00	15
947	neder-over-heembeek	c1	appt-id-card	2026-12-18 10:30:00+00	15
948	neder-over-heembeek	c1	appt-id-card	2026-12-18 10:45:00+00	15
949	neder-over-heembeek	c2	appt-passport	2026-12-18 08:00:00+00	15
950	neder-over-heembeek	c2	appt-passport	2026-12-18 08:15:00+00	15
951	neder-over-heembeek	c2	appt-passport	2026-12-18 08:30:00+00	15
952	neder-over-heembeek	c2	appt-passport	2026-12-18 08:45:00+00	15
953	neder-over-heembeek	c2	appt-passport	2026-12-18 09:00:00+00	15
954	neder-over-heembeek	c2	appt-passport	2026-12-18 09:15:00+00	15
955	neder-over-heembeek	c2	appt-passport	2026-12-18 09:30:00+00	15
956	neder-over-heembeek	c2	appt-passport	2026-12-18 09:45:00+00	15
957	neder-over-heembeek	c2	appt-passport	2026-12-18 10:00:00+00	15
958	neder-over-heembeek	c2	appt-passport	2026-12-18 10:15:00+00	15
959	neder-over-heembeek	c2	appt-passport	2026-12-18 10:30:00+00	15
960	neder-over-heembeek	c2	appt-passport	2026-12-18 10:45:00+00	15
\.


--
-- Data for Name: update_bundle_chunks; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.update_bundle_chunks (version, seq, data) FROM stdin;
\.


--
-- Data for Name: update_bundles; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.update_bundles (version, filename, size, sha256, uploaded_at, uploaded_by) FROM stdin;
\.


--
-- Data for Name: update_kiosk_states; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.update_kiosk_states (kiosk_id, site, version, state, reason, current, rollout_id, unblock, updated_at) FROM stdin;
\.


--
-- Data for Name: update_rollouts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.update_rollouts (id, version, waves, wave, status, halted_reason, created_at, updated_at, created_by) FROM stdin;
\.


--
-- Name: case_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.case_history_id_seq', 5, true);


--
-- Name: fleet_alerts_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.fleet_alerts_id_seq', 1, false);


--
-- Name: fleet_heartbeats_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.fleet_heartbeats_id_seq', 1, false);


--
-- Name: slots_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.slots_id_seq', 960, true);


--
-- Name: update_rollouts_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.update_rollouts_id_seq', 1, false);


--
-- Name: bookings bookings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_pkey PRIMARY KEY (id);


--
-- Name: bookings bookings_slot_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_slot_id_key UNIQUE (slot_id);


--
-- Name: case_history case_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_history
    ADD CONSTRAINT case_history_pkey PRIMARY KEY (id);


--
-- Name: cases cases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_pkey PRIMARY KEY (id);


--
-- Name: cases cases_request_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_request_id_key UNIQUE (request_id);


--
-- Name: certificate_requests certificate_requests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificate_requests
    ADD CONSTRAINT certificate_requests_pkey PRIMARY KEY (case_id);


--
-- Name: citizens citizens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.citizens
    ADD CONSTRAINT citizens_pkey PRIMARY KEY (national_number);


--
-- Name: credentials credentials_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credentials
    ADD CONSTRAINT credentials_pkey PRIMARY KEY (id);


--
-- Name: documents documents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_pkey PRIMARY KEY (case_id);


--
-- Name: documents documents_verification_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_verification_code_key UNIQUE (verification_code);


--
-- Name: enrolment_tokens enrolment_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrolment_tokens
    ADD CONSTRAINT enrolment_tokens_pkey PRIMARY KEY (id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (event_id);


--
-- Name: fleet_alerts fleet_alerts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fleet_alerts
    ADD CONSTRAINT fleet_alerts_pkey PRIMARY KEY (id);


--
-- Name: fleet_heartbeats fleet_heartbeats_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fleet_heartbeats
    ADD CONSTRAINT fleet_heartbeats_pkey PRIMARY KEY (id);


--
-- Name: fleet_kiosks fleet_kiosks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fleet_kiosks
    ADD CONSTRAINT fleet_kiosks_pkey PRIMARY KEY (kiosk_id);


--
-- Name: fleet_remote_config fleet_remote_config_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fleet_remote_config
    ADD CONSTRAINT fleet_remote_config_pkey PRIMARY KEY (scope, target);


--
-- Name: payments payments_payment_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_payment_id_key UNIQUE (payment_id);


--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (event_id);


--
-- Name: queue_tickets queue_tickets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.queue_tickets
    ADD CONSTRAINT queue_tickets_pkey PRIMARY KEY (event_id);


--
-- Name: sites sites_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sites
    ADD CONSTRAINT sites_pkey PRIMARY KEY (id);


--
-- Name: slots slots_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.slots
    ADD CONSTRAINT slots_pkey PRIMARY KEY (id);


--
-- Name: update_bundle_chunks update_bundle_chunks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.update_bundle_chunks
    ADD CONSTRAINT update_bundle_chunks_pkey PRIMARY KEY (version, seq);


--
-- Name: update_bundles update_bundles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.update_bundles
    ADD CONSTRAINT update_bundles_pkey PRIMARY KEY (version);


--
-- Name: update_kiosk_states update_kiosk_states_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.update_kiosk_states
    ADD CONSTRAINT update_kiosk_states_pkey PRIMARY KEY (kiosk_id);


--
-- Name: update_rollouts update_rollouts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.update_rollouts
    ADD CONSTRAINT update_rollouts_pkey PRIMARY KEY (id);


--
-- Name: ix_bookings_national_number; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_bookings_national_number ON public.bookings USING btree (national_number);


--
-- Name: ix_case_history_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_case_history_case_id ON public.case_history USING btree (case_id);


--
-- Name: ix_cases_national_number; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cases_national_number ON public.cases USING btree (national_number);


--
-- Name: ix_citizens_household_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_citizens_household_id ON public.citizens USING btree (household_id);


--
-- Name: ix_events_device_seq; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_events_device_seq ON public.events USING btree (device_id, seq);


--
-- Name: ix_fleet_alerts_kiosk_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fleet_alerts_kiosk_open ON public.fleet_alerts USING btree (kiosk_id, resolved_at);


--
-- Name: ix_fleet_alerts_opened_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fleet_alerts_opened_at ON public.fleet_alerts USING btree (opened_at);


--
-- Name: ix_fleet_alerts_resolved_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fleet_alerts_resolved_at ON public.fleet_alerts USING btree (resolved_at);


--
-- Name: ix_fleet_heartbeats_kiosk_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fleet_heartbeats_kiosk_at ON public.fleet_heartbeats USING btree (kiosk_id, received_at);


--
-- Name: ix_fleet_heartbeats_received_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fleet_heartbeats_received_at ON public.fleet_heartbeats USING btree (received_at);


--
-- Name: ix_fleet_kiosks_silent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fleet_kiosks_silent ON public.fleet_kiosks USING btree (offline, silent_after);


--
-- Name: ix_fleet_kiosks_site; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_fleet_kiosks_site ON public.fleet_kiosks USING btree (site);


--
-- Name: ix_payments_kiosk_day; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_payments_kiosk_day ON public.payments USING btree (kiosk_id, day);


--
-- Name: ix_queue_tickets_site_day; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_queue_tickets_site_day ON public.queue_tickets USING btree (site, day);


--
-- Name: ix_slots_site_start; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_slots_site_start ON public.slots USING btree (site, starts_at);


--
-- Name: bookings bookings_slot_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_slot_id_fkey FOREIGN KEY (slot_id) REFERENCES public.slots(id);


--
-- Name: case_history case_history_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_history
    ADD CONSTRAINT case_history_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- Name: certificate_requests certificate_requests_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificate_requests
    ADD CONSTRAINT certificate_requests_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- Name: documents documents_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- PostgreSQL database dump complete
--

\unrestrict Wy9AoBO5EJs7jdgL1QS05HS9aCgFtpbGCAT2mlZgAUESx3ih2qFJeJeorBrjVyd

