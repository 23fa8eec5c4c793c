BEGIN TRANSACTION;
CREATE TABLE bookings (
	id VARCHAR(36) NOT NULL, 
	slot_id INTEGER NOT NULL, 
	national_number VARCHAR(11) NOT NULL, 
	device_id VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (slot_id), 
	FOREIGN KEY(slot_id) REFERENCES slots (id)
);
CREATE TABLE case_history (
	id INTEGER NOT NULL, 
	case_id VARCHAR(36) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	note TEXT NOT NULL, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES cases (id)
);
CREATE TABLE cases (
	id VARCHAR(36) NOT NULL, 
	national_number VARCHAR(11) NOT NULL, 
	service_id VARCHAR(64) NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	request_id VARCHAR(36), 
	status VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (request_id)
);
CREATE TABLE certificate_requests (
	case_id VARCHAR(36) NOT NULL, 
	kiosk_id VARCHAR(64), 
	reference VARCHAR(64) NOT NULL, 
	language VARCHAR(2) NOT NULL, 
	PRIMARY KEY (case_id), 
	FOREIGN KEY(case_id) REFERENCES cases (id)
);
CREATE TABLE citizens (
	national_number VARCHAR(11) NOT NULL, 
	surname VARCHAR(128) NOT NULL, 
	first_names VARCHAR(512) NOT NULL, 
	birth_date DATE NOT NULL, 
	street VARCHAR(256) NOT NULL, 
	postcode VARCHAR(8) NOT NULL, 
	municipality VARCHAR(128) NOT NULL, 
	household_id VARCHAR(36) NOT NULL, 
	PRIMARY KEY (national_number)
);
CREATE TABLE credentials (
	id VARCHAR(64) NOT NULL, 
	role VARCHAR(16) NOT NULL, 
	site VARCHAR(64), 
	secret_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	revoked BOOLEAN NOT NULL, 
	expires_at DATETIME, 
	PRIMARY KEY (id)
);
INSERT INTO "credentials" VALUES('admin-347c9d','admin',NULL,'7fdab5a2534b09dce4dd2a4f9515a3941289e7a4e4ab5a274fb9c4f6c2216268','2026-12-06 23:38:56.685050',0,NULL);
INSERT INTO "credentials" VALUES('laeken-01','device','bxl-centre','19845cdc2a643e10f224483ad5fab92dc3552aa662e0cdb940d8011a3f138983','2026-12-06 23:38:57.415413',0,NULL);
CREATE TABLE documents (
	case_id VARCHAR(36) NOT NULL, 
	verification_code VARCHAR(32) NOT NULL, 
	issued_at DATETIME NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	pdf BLOB NOT NULL, 
	PRIMARY KEY (case_id), 
	FOREIGN KEY(case_id) REFERENCES cases (id), 
	UNIQUE (verification_code)
);
CREATE TABLE enrolment_tokens (
	id VARCHAR(32) NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	secret_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	used_at DATETIME, 
	used_by VARCHAR(64), 
	PRIMARY KEY (id)
);
CREATE TABLE events (
	event_id VARCHAR(36) NOT NULL, 
	device_id VARCHAR(64) NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	type VARCHAR(64) NOT NULL, 
	kiosk_time DATETIME NOT NULL, 
	seq BIGINT NOT NULL, 
	payload JSON NOT NULL, 
	body_hash VARCHAR(64) NOT NULL, 
	received_at DATETIME NOT NULL, 
	PRIMARY KEY (event_id)
);
INSERT INTO "events" VALUES('5ef1dab5-9738-43c4-a505-f3f22db29025','laeken-01','bxl-centre','queue_ticket.issued','2026-12-06 23:38:57.444430',1,'{"request_id": "211371f4-2168-4521-a711-7673ece0bbec", "site": "bxl-centre", "kiosk_id": "laeken-01", "desk": "population", "number": "P-001", "day": "2026-12-06", "language": "fr", "issued_at": "2026-12-06T23:38:57.444430+00:00"}','103f0abbc8cebc648076552c59bd768ee9fc58672a1fd2a6afe968b0f32dedba','2026-12-06 23:38:57.657808');
INSERT INTO "events" VALUES('34efab48-5f47-41c7-ab21-509294ee561d','laeken-01','bxl-centre','queue_ticket.issued','2026-12-06 23:38:57.444504',2,'{"request_id": "51883b1e-0b4a-4475-bc7b-f4e633d7b209", "site": "bxl-centre", "kiosk_id": "laeken-01", "desk": "population", "number": "P-002", "day": "2026-12-06", "language": "fr", "issued_at": "2026-12-06T23:38:57.444504+00:00"}','a7cb69c250917606a5f30a2e0a01ee48bc14bb5635e74d3b5b6fd86c56fda7d5','2026-12-06 23:38:57.657808');
CREATE TABLE fleet_alerts (
	id INTEGER NOT NULL, 
	kiosk_id VARCHAR(64) NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	rule VARCHAR(32) NOT NULL, 
	severity VARCHAR(16) NOT NULL, 
	detail VARCHAR(300) NOT NULL, 
	opened_at DATETIME NOT NULL, 
	last_seen_at DATETIME NOT NULL, 
	resolved_at DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE fleet_heartbeats (
	id INTEGER NOT NULL, 
	kiosk_id VARCHAR(64) NOT NULL, 
	received_at DATETIME NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	body JSON NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE fleet_kiosks (
	kiosk_id VARCHAR(64) NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	first_seen_at DATETIME NOT NULL, 
	last_heartbeat_at DATETIME NOT NULL, 
	silent_after DATETIME NOT NULL, 
	interval_s FLOAT NOT NULL, 
	offline BOOLEAN NOT NULL, 
	software_version VARCHAR(64) NOT NULL, 
	config_version VARCHAR(64) NOT NULL, 
	state JSON NOT NULL, 
	heartbeats BIGINT NOT NULL, 
	PRIMARY KEY (kiosk_id)
);
CREATE TABLE fleet_remote_config (
	scope VARCHAR(8) NOT NULL, 
	target VARCHAR(64) NOT NULL, 
	"values" JSON NOT NULL, 
	updated_at DATETIME NOT NULL, 
	updated_by VARCHAR(64) NOT NULL, 
	PRIMARY KEY (scope, target)
);
CREATE TABLE payments (
	event_id VARCHAR(36) NOT NULL, 
	payment_id VARCHAR(36) NOT NULL, 
	kiosk_id VARCHAR(64) NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	day DATE NOT NULL, 
	method VARCHAR(8) NOT NULL, 
	amount_cents BIGINT NOT NULL, 
	request_id VARCHAR(36), 
	completed_at DATETIME NOT NULL, 
	PRIMARY KEY (event_id), 
	UNIQUE (payment_id)
);
CREATE TABLE queue_tickets (
	event_id VARCHAR(36) NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	kiosk_id VARCHAR(64) NOT NULL, 
	desk VARCHAR(64) NOT NULL, 
	number VARCHAR(16) NOT NULL, 
	day DATE NOT NULL, 
	issued_at DATETIME NOT NULL, 
	PRIMARY KEY (event_id)
);
INSERT INTO "queue_tickets" VALUES('5ef1dab5-9738-43c4-a505-f3f22db29025','bxl-centre','laeken-01','population','P-001','2026-12-06','2026-12-06 23:38:57.444430');
INSERT INTO "queue_tickets" VALUES('34efab48-5f47-41c7-ab21-509294ee561d','bxl-centre','laeken-01','population','P-002','2026-12-06','2026-12-06 23:38:57.444504');
CREATE TABLE sites (
	id VARCHAR(64) NOT NULL, 
	name VARCHAR(128) NOT NULL, 
	timezone VARCHAR(64) NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "sites" VALUES('bxl-centre','Brussels City Hall','Europe/Brussels');
INSERT INTO "sites" VALUES('laeken','Antenne Laeken','Europe/Brussels');
INSERT INTO "sites" VALUES('haren','Antenne Haren','Europe/Brussels');
INSERT INTO "sites" VALUES('neder-over-heembeek','Antenne Neder-Over-Heembeek','Europe/Brussels');
CREATE TABLE slots (
	id INTEGER NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	counter VARCHAR(64) NOT NULL, 
	service_id VARCHAR(64) NOT NULL, 
	starts_at DATETIME NOT NULL, 
	minutes INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "slots" VALUES(1,'bxl-centre','c1','appt-id-card','2026-12-07 08:00:00.000000',15);
INSERT INTO "slots" VALUES(2,'bxl-centre','c1','appt-id-card','2026-12-07 08:15:00.000000',15);
INSERT INTO "slots" VALUES(3,'bxl-centre','c1','appt-id-card','2026-12-07 08:30:00.000000',15);
INSERT INTO "slots" VALUES(4,'bxl-centre','c1','appt-id-card','2026-12-07 08:45:00.000000',15);
INSERT INTO "slots" VALUES(5,'bxl-centre','c1','appt-id-card','2026-12-07 09:00:00.000000',15);
INSERT INTO "slots" VALUES(6,'bxl-centre','c1','appt-id-card','2026-12-07 09:15:00.000000',15);
INSERT INTO "slots" VALUES(7,'bxl-centre','c1','appt-id-card','2026-12-07 09:30:00.000000',15);
INSERT INTO "slots" VALUES(8,'bxl-centre','c1','appt-id-card','2026-12-07 09:45:00.000000',15);
INSERT INTO "slots" VALUES(9,'bxl-centre','c1','appt-id-card','2026-12-07 10:00:00.000000',15);
INSERT INTO "slots" VALUES(10,'bxl-centre','c1','appt-id-card','2026-12-07 10:15:00.000000',15);
INSERT INTO "slots" VALUES(11,'bxl-centre','c1','appt-id-card','2026-12-07 10:30:00.000000',15);
INSERT INTO "slots" VALUES(12,'bxl-centre','c1','appt-id-card','2026-12-07 10:45:00.000000',15);
INSERT INTO "slots" VALUES(13,'bxl-centre','c2','appt-passport','2026-12-07 08:00:00.000000',15);
INSERT INTO "slots" VALUES(14,'bxl-centre','c2','appt-passport','2026-12-07 08:15:00.000000',15);
INSERT INTO "slots" VALUES(15,'bxl-centre','c2','appt-passport','2026-12-07 08:30:00.000000',15);
INSERT INTO "slots" VALUES(16,'bxl-centre','c2','appt-passport','2026-12-07 08:45:00.000000',15);
INSERT INTO "slots" VALUES(17,'bxl-centre','c2','appt-passport','2026-12-07 09:00:00.000000',15);
INSERT INTO "slots" VALUES(18,'bxl-centre','c2','appt-passport','2026-12-07 09:15:00.000000',15);
INSERT INTO "slots" VALUES(19,'bxl-centre','c2','appt-passport','2026-12-07 09:30:00.000000',15);
INSERT INTO "slots" VALUES(20,'bxl-centre','c2','appt-passport','2026-12-07 09:45:00.000000',15);
INSERT INTO "slots" VALUES(21,'bxl-centre','c2','appt-passport','2026-12-07 10:00:00.000000',15);
INSERT INTO "slots" VALUES(22,'bxl-centre','c2','appt-passport','2026-12-07 10:15:00.000000',15);
INSERT INTO "slots" VALUES(23,'bxl-centre','c2','appt-passport','2026-12-07 10:30:00.000000',15);
INSERT INTO "slots" VALUES(24,'bxl-centre','c2','appt-passport','2026-12-07 10:45:00.000000',15);
INSERT INTO "slots" VALUES(25,'laeken','c1','appt-id-card','2026-12-07 08:00:00.000000',15);
INSERT INTO "slots" VALUES(26,'laeken','c1','appt-id-card','2026-12-07 08:15:00.000000',15);
INSERT INTO "slots" VALUES(27,'laeken','c1','appt-id-card','2026-12-07 08:30:00.000000',15);
INSERT INTO "slots" VALUES(28,'laeken','c1','appt-id-card','2026-12-07 08:45:00.000000',15);
INSERT INTO "slots" VALUES(29,'laeken','c1','appt-id-card','2026-12-07 09:00:00.000000',15);
INSERT INTO "slots" VALUES(30,'laeken','c1','appt-id-card','2026-12-07 09:15:00.000000',15);
INSERT INTO "slots" VALUES(31,'laeken','c1','appt-id-card','2026-12-07 09:30:00.000000',15);
INSERT INTO "slots" VALUES(32,'laeken','c1','appt-id-card','2026-12-07 09:45:00.000000',15);
INSERT INTO "slots" VALUES(33,'laeken','c1','appt-id-card','2026-12-07 10:00:00.000000',15);
INSERT INTO "slots" VALUES(34,'laeken','c1','appt-id-card','2026-12-07 10:15:00.000000',15);
INSERT INTO "slots" VALUES(35,'laeken','c1','appt-id-card','2026-12-07 10:30:00.000000',15);
INSERT INTO "slots" VALUES(36,'laeken','c1','appt-id-card','2026-12-07 10:45:00.000000',15);
INSERT INTO "slots" VALUES(37,'laeken','c2','appt-passport','2026-12-07 08:00:00.000000',15);
INSERT INTO "slots" VALUES(38,'laeken','c2','appt-passport','2026-12-07 08:15:00.000000',15);
INSERT INTO "slots" VALUES(39,'laeken','c2','appt-passport','2026-12-07 08:30:00.000000',15);
INSERT INTO "slots" VALUES(40,'laeken','c2','appt-passport','2026-12-07 08:45:00.000000',15);
INSERT INTO "slots" VALUES(41,'laeken','c2','appt-passport','2026-12-07 09:00:00.000000',15);
INSERT INTO "slots" VALUES(42,'laeken','c2','appt-passport','2026-12-07 09:15:00.000000',15);
INSERT INTO "slots" VALUES(43,'laeken','c2','appt-passport','2026-12-07 09:30:00.000000',15);
INSERT INTO "slots" VALUES(44,'laeken','c2','appt-passport','2026-12-07 09:45:00.000000',15);
INSERT INTO "slots" VALUES(45,'laeken','c2','appt-passport','2026-12-07 10:00:00.000000',15);
INSERT INTO "slots" VALUES(46,'laeken','c2','appt-passport','2026-12-07 10:15:00.000000',15);
INSERT INTO "slots" VALUES(47,'laeken','c2','appt-passport','2026-12-07 10:30:00.000000',15);
INSERT INTO "slots" VALUES(48,'laeken','c2','appt-passport','2026-12-07 10:45:00.000000',15);
INSERT INTO "slots" VALUES(49,'haren','c1','appt-id-card','2026-12-07 08:00:00.000000',15);
INSERT INTO "slots" VALUES(50,'haren','c1','appt-id-card','2026-12-07 08:15:00.000000',15);
INSERT INTO "slots" VALUES(51,'haren','c1','appt-id-card','2026-12-07 08:30:00.000000',15);
INSERT INTO "slots" VALUES(52,'haren','c1','appt-id-card','2026-12-07 08:45:00.000000',15);
INSERT INTO "slots" VALUES(53,'haren','c1','appt-id-card','2026-12-07 09:00:00.000000',15);
INSERT INTO "slots" VALUES(54,'haren','c1','appt-id-card','2026-12-07 09:15:00.000000',15);
INSERT INTO "slots" VALUES(55,'haren','c1','appt-id-card','2026-12-07 09:30:00.000000',15);
INSERT INTO "slots" VALUES(56,'haren','c1','appt-id-card','2026-12-07 09:45:00.000000',15);
INSERT INTO "slots" VALUES(57,'haren','c1','appt-id-card','2026-12-07 10:00:00.000000',15);
INSERT INTO "slots" VALUES(58,'haren','c1','appt-id-card','2026-12-07 10:15:00.000000',15);
INSERT INTO "slots" VALUES(59,'haren','c1','appt-id-card','2026-12-07 10:30:00.000000',15);
INSERT INTO "slots" VALUES(60,'haren','c1','appt-id-card','2026-12-07 10:45:00.000000',15);
INSERT INTO "slots" VALUES(61,'haren','c2','appt-passport','2026-12-07 08:00:00.000000',15);
INSERT INTO "slots" VALUES(62,'haren','c2','appt-passport','2026-12-07 08:15:00.000000',15);
INSERT INTO "slots" VALUES(63,'haren','c2','appt-passport','2026-12-07 08:30:00.000000',15);
INSERT INTO "slots" VALUES(64,'haren','c2','appt-passport','2026-12-07 08:45:00.000000',15);
INSERT INTO "slots" VALUES(65,'haren','c2','appt-passport','2026-12-07 09:00:00.000000',15);
INSERT INTO "slots" VALUES(66,'haren','c2','appt-passport','2026-12-07 09:15:00.000000',15);
INSERT INTO "slots" VALUES(67,'haren','c2','appt-passport','2026-12-07 09:30:00.000000',15);
INSERT INTO "slots" VALUES(68,'haren','c2','appt-passport','2026-12-07 09:45:00.000000',15);
INSERT INTO "slots" VALUES(69,'haren','c2','appt-passport','2026-12-07 10:00:00.000000',15);
INSERT INTO "slots" VALUES(70,'haren','c2','appt-passport','2026-12-07 10:15:00.000000',15);
INSERT INTO "slots" VALUES(71,'haren','c2','appt-passport','2026-12-07 10:30:00.000000',15);
INSERT INTO "slots" VALUES(72,'haren','c2','appt-passport','2026-12-07 10:45:00.000000',15);
INSERT INTO "slots" VALUES(73,'neder-over-heembeek','c1','appt-id-card','2026-12-07 08:00:00.000000',15);
INSERT INTO "slots" VALUES(74,'neder-over-heembeek','c1','appt-id-card','2026-12-07 08:15:00.000000',15);
INSERT INTO "slots" VALUES(75,'neder-over-heembeek','c1','appt-id-card','2026-12-07 08:30:00.000000',15);
INSERT INTO "slots" VALUES(76,'neder-over-heembeek','c1','appt-id-card','2026-12-07 08:45:00.000000',15);
INSERT INTO "slots" VALUES(77,'neder-over-heembeek','c1','appt-id-card','2026-12-07 09:00:00.000000',15);
INSERT INTO "slots" VALUES(78,'neder-over-heembeek','c1','appt-id-card','2026-12-07 09:15:00.000000',15);
INSERT INTO "slots" VALUES(79,'neder-over-heembeek','c1','appt-id-card','2026-12-07 09:30:00.000000',15);
INSERT INTO "slots" VALUES(80,'neder-over-heembeek','c1','appt-id-card','2026-12-07 09:45:00.000000',15);
INSERT INTO "slots" VALUES(81,'neder-over-heembeek','c1','appt-id-card','2026-12-07 10:00:00.000000',15);
INSERT INTO "slots" VALUES(82,'neder-over-heembeek','c1','appt-id-card','2026-12-07 10:15:00.000000',15);
INSERT INTO "slots" VALUES(83,'neder-over-heembeek','c1','appt-id-card','2026-12-07 10:30:00.000000',15);
INSERT INTO "slots" VALUES(84,'neder-over-heembeek','c1','appt-id-card','2026-12-07 10:45:00.000000',15);
INSERT INTO "slots" VALUES(85,'neder-over-heembeek','c2','appt-passport','2026-12-07 08:00:00.000000',15);
INSERT INTO "slots" VALUES(86,'neder-over-heembeek','c2','appt-passport','2026-12-07 08:15:00.000000',15);
INSERT INTO "slots" VALUES(87,'neder-over-heembeek','c2','appt-passport','2026-12-07 08:30:00.000000',15);
INSERT INTO "slots" VALUES(88,'neder-over-heembeek','c2','appt-passport','2026-12-07 08:45:00.000000',15);
INSERT INTO "slots" VALUES(89,'neder-over-heembeek','c2','appt-passport','2026-12-07 09:00:00.000000',15);
INSERT INTO "slots" VALUES(90,'neder-over-heembeek','c2','appt-passport','2026-12-07 09:15:00.000000',15);
INSERT INTO "slots" VALUES(91,'neder-over-heembeek','c2','appt-passport','2026-12-07 09:30:00.000000',15);
INSERT INTO "slots" VALUES(92,'neder-over-heembeek','c2','appt-passport','2026-12-07 09:45:00.000000',15);
INSERT INTO "slots" VALUES(93,'neder-over-heembeek','c2','appt-passport','2026-12-07 10:00:00.000000',15);
INSERT INTO "slots" VALUES(94,'neder-over-heembeek','c2','appt-passport','2026-12-07 10:15:00.000000',15);
INSERT INTO "slots" VALUES(95,'neder-over-heembeek','c2','appt-passport','2026-12-07 10:30:00.000000',15);
INSERT INTO "slots" VALUES(96,'neder-over-heembeek','c2','appt-passport','2026-12-07 10:45:00.000000',15);
INSERT INTO "slots" VALUES(97,'bxl-centre','c1','appt-id-card','2026-12-08 08:00:00.000000',15);
INSERT INTO "slots" VALUES(98,'bxl-centre','c1','appt-id-card','2026-12-08 08:15:00.000000',15);
INSERT INTO "slots" VALUES(99,'bxl-centre','c1','appt-id-card','2026-12-08 08:30:00.000000',15);
INSERT INTO "slots" VALUES(100,'bxl-centre','c1','appt-id-card','2026-12-08 08:45:00.000000',15);
INSERT INTO "slots" VALUES(101,'bxl-centre','c1','appt-id-card','2026-12-08 09:00:00.000000',15);
INSERT INTO "slots" VALUES(102,'bxl-centre','c1','appt-id-card','2026-12-08 09:15:00.000000',15);
INSERT INTO "slots" VALUES(103,'bxl-centre','c1','appt-id-card','2026-12-08 09:30:00.000000',15);
INSERT INTO "slots" VALUES(104,'bxl-centre','c1','appt-id-card','2026-12-08 09:45:00.000000',15);
INSERT INTO "slots" VALUES(105,'bxl-centre','c1','appt-id-card','2026-12-08 10:00:00.000000',15);
INSERT INTO "slots" VALUES(106,'bxl-centre','c1','appt-id-card','2026-12-08 10:15:00.000000',15);
INSERT INTO "slots" VALUES(107,'bxl-centre','c1','appt-id-card','2026-12-08 10:30:00.000000',15);
INSERT INTO "slots" VALUES(108,'bxl-centre','c1','appt-id-card','2026-12-08 10:45:00.000000',15);
INSERT INTO "slots" VALUES(109,'bxl-centre','c2','appt-passport','2026-12-08 08:00:00.000000',15);
INSERT INTO "slots" VALUES(110,'bxl-centre','c2','appt-passport','2026-12-08 08:15:00.000000',15);
INSERT INTO "slots" VALUES(111,'bxl-centre','c2','appt-passport','2026-12-08 08:30:00.000000',15);
INSERT INTO "slots" VALUES(112,'bxl-centre','c2','appt-passport','2026-12-08 08:45:00.000000',15);
INSERT INTO "slots" VALUES(113,'bxl-centre','c2','appt-passport','2026-12-08 09:00:00.000000',15);
INSERT INTO "slots" VALUES(114,'bxl-centre','c2','appt-passport','2026-12-08 09:15:00.000000',15);
INSERT INTO "slots" VALUES(115,'bxl-centre','c2','appt-passport','2026-12-08 09:30:00.000000',15);
INSERT INTO "slots" VALUES(116,'bxl-centre','c2','appt-passport','2026-12-08 09:45:00.000000',15);
INSERT INTO "slots" VALUES(117,'bxl-centre','c2','appt-passport','2026-12-08 10:00:00.000000',15);
INSERT INTO "slots" VALUES(118,'bxl-centre','c2','appt-passport','2026-12-08 10:15:00.000000',15);
INSERT INTO "slots" VALUES(119,'bxl-centre','c2','appt-passport','2026-12-08 10:30:00.000000',15);
INSERT INTO "slots" VALUES(120,'bxl-centre','c2','appt-passport','2026-12-08 10:45:00.000000',15);
INSERT INTO "slots" VALUES(121,'laeken','c1','appt-id-card','2026-12-08 08:00:00.000000',15);
INSERT INTO "slots" VALUES(122,'laeken','c1','appt-id-card','2026-12-08 08:15:00.000000',15);
INSERT INTO "slots" VALUES(123,'laeken','c1','appt-id-card','2026-12-08 08:30:00.000000',15);
INSERT INTO "slots" VALUES(124,'laeken','c1','appt-id-card','2026-12-08 08:45:00.000000',15);
INSERT INTO "slots" VALUES(125,'laeken','c1','appt-id-card','2026-12-08 09:00:00.000000',15);
INSERT INTO "slots" VALUES(126,'laeken','c1','appt-id-card','2026-12-08 09:15:00.000000',15);
INSERT INTO "slots" VALUES(127,'laeken','c1','appt-id-card','2026-12-08 09:30:00.000000',15);
INSERT INTO "slots" VALUES(128,'laeken','c1','appt-id-card','2026-12-08 09:45:00.000000',15);
INSERT INTO "slots" VALUES(129,'laeken','c1','appt-id-card','2026-12-08 10:00:00.000000',15);
INSERT INTO "slots" VALUES(130,'laeken','c1','appt-id-card','2026-12-08 10:15:00.000000',15);
INSERT INTO "slots" VALUES(131,'laeken','c1','appt-id-card','2026-12-08 10:30:00.000000',15);
INSERT INTO "slots" VALUES(132,'laeken','c1','appt-id-card','2026-12-08 10:45:00.000000',15);
INSERT INTO "slots" VALUES(133,'laeken','c2','appt-passport','2026-12-08 08:00:00.000000',15);
INSERT INTO "slots" VALUES(134,'laeken','c2','appt-passport','2026-12-08 08:15:00.000000',15);
INSERT INTO "slots" VALUES(135,'laeken','c2','appt-passport','2026-12-08 08:30:00.000000',15);
INSERT INTO "slots" VALUES(136,'laeken','c2','appt-passport','2026-12-08 08:45:00.000000',15);
INSERT INTO "slots" VALUES(137,'laeken','c2','appt-passport','2026-12-08 09:00:00.000000',15);
INSERT INTO "slots" VALUES(138,'laeken','c2','appt-passport','2026-12-08 09:15:00.000000',15);
INSERT INTO "slots" VALUES(139,'laeken','c2','appt-passport','2026-12-08 09:30:00.000000',15);
INSERT INTO "slots" VALUES(140,'laeken','c2','appt-passport','2026-12-08 09:45:00.000000',15);
INSERT INTO "slots" VALUES(141,'laeken','c2','appt-passport','2026-12-08 10:00:00.000000',15);
INSERT INTO "slots" VALUES(142,'laeken','c2','appt-passport','2026-12-08 10:15:00.000000',15);
INSERT INTO "slots" VALUES(143,'laeken','c2','appt-passport','2026-12-08 10:30:00.000000',15);
INSERT INTO "slots" VALUES(144,'laeken','c2','appt-passport','2026-12-08 10:45:00.000000',15);
INSERT INTO "slots" VALUES(145,'haren','c1','appt-id-card','2026-12-08 08:00:00.000000',15);
INSERT INTO "slots" VALUES(146,'haren','c1','appt-id-card','2026-12-08 08:15:00.000000',15);
INSERT INTO "slots" VALUES(147,'haren','c1','appt-id-card','2026-12-08 08:30:00.000000',15);
INSERT INTO "slots" VALUES(148,'haren','c1','appt-id-card','2026-12-08 08:45:00.000000',15);
INSERT INTO "slots" VALUES(149,'haren','c1','appt-id-card','2026-12-08 09:00:00.000000',15);
INSERT INTO "slots" VALUES(150,'haren','c1','appt-id-card','2026-12-08 09:15:00.000000',15);
INSERT INTO "slots" VALUES(151,'haren','c1','appt-id-card','2026-12-08 09:30:00.000000',15);
INSERT INTO "slots" VALUES(152,'haren','c1','appt-id-card','2026-12-08 09:45:00.000000',15);
INSERT INTO "slots" VALUES(153,'haren','c1','appt-id-card','2026-12-08 10:00:00.000000',15);
INSERT INTO "slots" VALUES(154,'haren','c1','appt-id-card','2026-12-08 10:15:00.000000',15);
INSERT INTO "slots" VALUES(155,'haren','c1','appt-id-card','2026-12-08 10:30:00.000000',15);
INSERT INTO "slots" VALUES(156,'haren','c1','appt-id-card','2026-12-08 10:45:00.000000',15);
INSERT INTO "slots" VALUES(157,'haren','c2','appt-passport','2026-12-08 08:00:00.000000',15);
INSERT INTO "slots" VALUES(158,'haren','c2','appt-passport','2026-12-08 08:15:00.000000',15);
INSERT INTO "slots" VALUES(159,'haren','c2','appt-passport','2026-12-08 08:30:00.000000',15);
INSERT INTO "slots" VALUES(160,'haren','c2','appt-passport','2026-12-08 08:45:00.000000',15);
INSERT INTO "slots" VALUES(161,'haren','c2','appt-passport','2026-12-08 09:00:00.000000',15);
INSERT INTO "slots" VALUES(162,'haren','c2','appt-passport','2026-12-08 09:15:00.000000',15);
INSERT INTO "slots" VALUES(163,'haren','c2','appt-passport','2026-12-08 09:30:00.000000',15);
INSERT INTO "slots" VALUES(164,'haren','c2','appt-passport','2026-12-08 09:45:00.000000',15);
INSERT INTO "slots" VALUES(165,'haren','c2','appt-passport','2026-12-08 10:00:00.000000',15);
INSERT INTO "slots" VALUES(166,'haren','c2','appt-passport','2026-12-08 10:15:00.000000',15);
INSERT INTO "slots" VALUES(167,'haren','c2','appt-passport','2026-12-08 10:30:00.000000',15);
INSERT INTO "slots" VALUES(168,'haren','c2','appt-passport','2026-12-08 10:45:00.000000',15);
INSERT INTO "slots" VALUES(169,'neder-over-heembeek','c1','appt-id-card','2026-12-08 08:00:00.000000',15);
INSERT INTO "slots" VALUES(170,'neder-over-heembeek','c1','appt-id-card','2026-12-08 08:15:00.000000',15);
INSERT INTO "slots" VALUES(171,'neder-over-heembeek','c1','appt-id-card','2026-12-08 08:30:00.000000',15);
INSERT INTO "slots" VALUES(172,'neder-over-heembeek','c1','appt-id-card','2026-12-08 08:45:00.000000',15);
INSERT INTO "slots" VALUES(173,'neder-over-heembeek','c1','appt-id-card','2026-12-08 09:00:00.000000',15);
INSERT INTO "slots" VALUES(174,'neder-over-heembeek','c1','appt-id-card','2026-12-08 09:15:00.000000',15);
INSERT INTO "slots" VALUES(175,'neder-over-heembeek','c1','appt-id-card','2026-12-08 09:30:00.000000',15);
INSERT INTO "slots" VALUES(176,'neder-over-heembeek','c1','appt-id-card','2026-12-08 09:45:00.000000',15);
INSERT INTO "slots" VALUES(177,'neder-over-heembeek','c1','appt-id-card','2026-12-08 10:00:00.000000',15);
INSERT INTO "slots" VALUES(178,'neder-over-heembeek','c1','appt-id-card','2026-12-08 10:15:00.000000',15);
INSERT INTO "slots" VALUES(179,'neder-over-heembeek','c1','appt-id-card','2026-12-08 10:30:00.000000',15);
INSERT INTO "slots" VALUES(180,'neder-over-heembeek','c1','appt-id-card','2026-12-08 10:45:00.000000',15);
INSERT INTO "slots" VALUES(181,'neder-over-heembeek','c2','appt-passport','2026-12-08 08:00:00.000000',15);
INSERT INTO "slots" VALUES(182,'neder-over-heembeek','c2','appt-passport','2026-12-08 08:15:00.000000',15);
INSERT INTO "slots" VALUES(183,'neder-over-heembeek','c2','appt-passport','2026-12-08 08:30:00.000000',15);
INSERT INTO "slots" VALUES(184,'neder-over-heembeek','c2','appt-passport','2026-12-08 08:45:00.000000',15);
INSERT INTO "slots" VALUES(185,'neder-over-heembeek','c2','appt-passport','2026-12-08 09:00:00.000000',15);
INSERT INTO "slots" VALUES(186,'neder-over-heembeek','c2','appt-passport','2026-12-08 09:15:00.000000',15);
INSERT INTO "slots" VALUES(187,'neder-over-heembeek','c2','appt-passport','2026-12-08 09:30:00.000000',15);
INSERT INTO "slots" VALUES(188,'neder-over-heembeek','c2','appt-passport','2026-12-08 09:45:00.000000',15);
INSERT INTO "slots" VALUES(189,'neder-over-heembeek','c2','appt-passport','2026-12-08 10:00:00.000000',15);
INSERT INTO "slots" VALUES(190,'neder-over-heembeek','c2','appt-passport','2026-12-08 10:15:00.000000',15);
INSERT INTO "slots" VALUES(191,'neder-over-heembeek','c2','appt-passport','2026-12-08 10:30:00.000000',15);
INSERT INTO "slots" VALUES(192,'neder-over-heembeek','c2','appt-passport','2026-12-08 10:45:00.000000',15);
INSERT INTO "slots" VALUES(193,'bxl-centre','c1','appt-id-card','2026-12-09 08:00:00.000000',15);
INSERT INTO "slots" VALUES(194,'bxl-centre','c1','appt-id-card','2026-12-09 08:15:00.000000',15);
INSERT INTO "slots" VALUES(195,'bxl-centre','c1','appt-id-card','2026-12-09 08:30:00.000000',15);
INSERT INTO "slots" VALUES(196,'bxl-centre','c1','appt-id-card','2026-12-09 08:45:00.000000',15);
INSERT INTO "slots" VALUES(197,'bxl-centre','c1','appt-id-card','2026-12-09 09:00:00.000000',15);
INSERT INTO "slots" VALUES(198,'bxl-centre','c1','appt-id-card','2026-12-09 09:15:00.000000',15);
INSERT INTO "slots" VALUES(199,'bxl-centre','c1','appt-id-card','2026-12-09 09:30:00.000000',15);
INSERT INTO "slots" VALUES(200,'bxl-centre','c1','appt-id-card','2026-12-09 09:45:00.000000',15);
INSERT INTO "slots" VALUES(201,'bxl-centre','c1','appt-id-card','2026-12-09 10:00:00.000000',15);
INSERT INTO "slots" VALUES(202,'bxl-centre','c1','appt-id-card','2026-12-09 10:15:00.000000',15);
INSERT INTO "slots" VALUES(203,'bxl-centre','c1','appt-id-card','2026-12-09 10:30:00.000000',15);
INSERT INTO "slots" VALUES(204,'bxl-centre','c1','appt-id-card','2026-12-09 10:45:00.000000',15);
INSERT INTO "slots" VALUES(205,'bxl-centre','c2','appt-passport','2026-12-09 08:00:00.000000',15);
INSERT INTO "slots" VALUES(206,'bxl-centre','c2','appt-passport','2026-12-09 08:15:00.000000',15);
INSERT INTO "slots" VALUES(207,'bxl-centre','c2','appt-passport','2026-12-09 08:30:00.000000',15);
INSERT INTO "slots" VALUES(208,'bxl-centre','c2','appt-passport','2026-12-09 08:45:00.000000',15);
INSERT INTO "slots" VALUES(209,'bxl-centre','c2','appt-passport','2026-12-09 09:00:00.000000',15);
INSERT INTO "slots" VALUES(210,'bxl-centre','c2','appt-passport','2026-12-09 09:15:00.000000',15);
INSERT INTO "slots" VALUES(211,'bxl-centre','c2','appt-passport','2026-12-09 09:30:00.000000',15);
INSERT INTO "slots" VALUES(212,'bxl-centre','c2','appt-passport','2026-12-09 09:45:00.000000',15);
INSERT INTO "slots" VALUES(213,'bxl-centre','c2','appt-passport','2026-12-09 10:00:00.000000',15);
INSERT INTO "slots" VALUES(214,'bxl-centre','c2','appt-passport','2026-12-09 10:15:00.000000',15);
INSERT INTO "slots" VALUES(215,'bxl-centre','c2','appt-passport','2026-12-09 10:30:00.000000',15);
INSERT INTO "slots" VALUES(216,'bxl-centre','c2','appt-passport','2026-12-09 10:45:00.000000',15);
INSERT INTO "slots" VALUES(217,'laeken','c1','appt-id-card','2026-12-09 08:00:00.000000',15);
INSERT INTO "slots" VALUES(218,'laeken','c1','appt-id-card','2026-12-09 08:15:00.000000',15);
INSERT INTO "slots" VALUES(219,'laeken','c1','appt-id-card','2026-12-09 08:30:00.000000',15);
INSERT INTO "slots" VALUES(220,'laeken','c1','appt-id-card','2026-12-09 08:45:00.000000',15);
INSERT INTO "slots" VALUES(221,'laeken','c1','appt-id-card','2026-12-09 09:00:00.000000',15);
INSERT INTO "slots" VALUES(222,'laeken','c1','appt-id-card','2026-12-09 09:15:00.000000',15);
INSERT INTO "slots" VALUES(223,'laeken','c1','appt-id-card','2026-12-09 09:30:00.000000',15);
INSERT INTO "slots" VALUES(224,'laeken','c1','appt-id-card','2026-12-09 09:45:00.000000',15);
INSERT INTO "slots" VALUES(225,'laeken','c1','appt-id-card','2026-12-09 10:00:00.000000',15);
INSERT INTO "slots" VALUES(226,'laeken','c1','appt-id-card','2026-12-09 10:15:00.000000',15);
INSERT INTO "slots" VALUES(227,'laeken','c1','appt-id-card','2026-12-09 10:30:00.000000',15);
INSERT INTO "slots" VALUES(228,'laeken','c1','appt-id-card','2026-12-09 10:45:00.000000',15);
INSERT INTO "slots" VALUES(229,'laeken','c2','appt-passport','2026-12-09 08:00:00.000000',15);
INSERT INTO "slots" VALUES(230,'laeken','c2','appt-passport','2026-12-09 08:15:00.000000',15);
INSERT INTO "slots" VALUES(231,'laeken','c2','appt-passport','2026-12-09 08:30:00.000000',15);
INSERT INTO "slots" VALUES(232,'laeken','c2','appt-passport','2026-12-09 08:45:00.000000',15);
INSERT INTO "slots" VALUES(233,'laeken','c2','appt-passport','2026-12-09 09:00:00.000000',15);
INSERT INTO "slots" VALUES(234,'laeken','c2','appt-passport','2026-12-09 09:15:00.000000',15);
INSERT INTO "slots" VALUES(235,'laeken','c2','appt-passport','2026-12-09 09:30:00.000000',15);
INSERT INTO "slots" VALUES(236,'laeken','c2','appt-passport','2026-12-09 09:45:00.000000',15);
INSERT INTO "slots" VALUES(237,'laeken','c2','appt-passport','2026-12-09 10:00:00.000000',15);
INSERT INTO "slots" VALUES(238,'laeken','c2','appt-passport','2026-12-09 10:15:00.000000',15);
INSERT INTO "slots" VALUES(239,'laeken','c2','appt-passport','2026-12-09 10:30:00.000000',15);
INSERT INTO "slots" VALUES(240,'laeken','c2','appt-passport','2026-12-09 10:45:00.000000',15);
INSERT INTO "slots" VALUES(241,'haren','c1','appt-id-card','2026-12-09 08:00:00.000000',15);
INSERT INTO "slots" VALUES(242,'haren','c1','appt-id-card','2026-12-09 08:15:00.000000',15);
INSERT INTO "slots" VALUES(243,'haren','c1','appt-id-card','2026-12-09 08:30:00.000000',15);
INSERT INTO "slots" VALUES(244,'haren','c1','appt-id-card','2026-12-09 08:45:00.000000',15);
INSERT INTO "slots" VALUES(245,'haren','c1','appt-id-card','2026-12-09 09:00:00.000000',15);
INSERT INTO "slots" VALUES(246,'haren','c1','appt-id-card','2026-12-09 09:15:00.000000',15);
INSERT INTO "slots" VALUES(247,'haren','c1','appt-id-card','2026-12-09 09:30:00.000000',15);
INSERT INTO "slots" VALUES(248,'haren','c1','appt-id-card','2026-12-09 09:45:00.000000',15);
INSERT INTO "slots" VALUES(249,'haren','c1','appt-id-card','2026-12-09 10:00:00.000000',15);
INSERT INTO "slots" VALUES(250,'haren','c1','appt-id-card','2026-12-09 10:15:00.000000',15);
INSERT INTO "slots" VALUES(251,'haren','c1','appt-id-card','2026-12-09 10:30:00.000000',15);
INSERT INTO "slots" VALUES(252,'haren','c1','appt-id-card','2026-12-09 10:45:00.000000',15);
INSERT INTO "slots" VALUES(253,'haren','c2','appt-passport','2026-12-09 08:00:00.000000',15);
INSERT INTO "slots" VALUES(254,'haren','c2','appt-passport','2026-12-09 08:15:00.000000',15);
INSERT INTO "slots" VALUES(255,'haren','c2','appt-passport','2026-12-09 08:30:00.000000',15);
INSERT INTO "slots" VALUES(256,'haren','c2','appt-passport','2026-12-09 08:45:00.000000',15);
INSERT INTO "slots" VALUES(257,'haren','c2','appt-passport','2026-12-09 09:00:00.000000',15);
INSERT INTO "slots" VALUES(258,'haren','c2','appt-passport','2026-12-09 09:15:00.000000',15);
INSERT INTO "slots" VALUES(259,'haren','c2','appt-passport','2026-12-09 09:30:00.000000',15);
INSERT INTO "slots" VALUES(260,'haren','c2','appt-passport','2026-12-09 09:45:00.000000',15);
INSERT INTO "slots" VALUES(261,'haren','c2','appt-passport','2026-12-09 10:00:00.000000',15);
INSERT INTO "slots" VALUES(262,'haren','c2','appt-passport','2026-12-09 10:15:00.000000',15);
INSERT INTO "slots" VALUES(263,'haren','c2','appt-passport','2026-12-09 10:30:00.000000',15);
INSERT INTO "slots" VALUES(264,'haren','c2','appt-passport','2026-12-09 10:45:00.000000',15);
INSERT INTO "slots" VALUES(265,'neder-over-heembeek','c1','appt-id-card','2026-12-09 08:00:00.000000',15);
INSERT INTO "slots" VALUES(266,'neder-over-heembeek','c1','appt-id-card','2026-12-09 08:15:00.000000',15);
INSERT INTO "slots" VALUES(267,'neder-over-heembeek','c1','appt-id-card','2026-12-09 08:30:00.000000',15);
INSERT INTO "slots" VALUES(268,'neder-over-heembeek','c1','appt-id-card','2026-12-09 08:45:00.000000',15);
INSERT INTO "slots" VALUES(269,'neder-over-heembeek','c1','appt-id-card','2026-12-09 09:00:00.000000',15);
INSERT INTO "slots" VALUES(270,'neder-over-heembeek','c1','appt-id-card','2026-12-09 09:15:00.000000',15);
INSERT INTO "slots" VALUES(271,'neder-over-heembeek','c1','appt-id-card','2026-12-09 09:30:00.000000',15);
INSERT INTO "slots" VALUES(272,'neder-over-heembeek','c1','appt-id-card','2026-12-09 09:45:00.000000',15);
INSERT INTO "slots" VALUES(273,'neder-over-heembeek','c1','appt-id-card','2026-12-09 10:00:00.000000',15);
INSERT INTO "slots" VALUES(274,'neder-over-heembeek','c1','appt-id-card','2026-12-09 10:15:00.000000',15);
INSERT INTO "slots" VALUES(275,'neder-over-heembeek','c1','appt-id-card','2026-12-09 10:30:00.000000',15);
INSERT INTO "slots" VALUES(276,'neder-over-heembeek','c1','appt-id-card','2026-12-09 10:45:00.000000',15);
INSERT INTO "slots" VALUES(277,'neder-over-heembeek','c2','appt-passport','2026-12-09 08:00:00.000000',15);
INSERT INTO "slots" VALUES(278,'neder-over-heembeek','c2','appt-passport','2026-12-09 08:15:00.000000',15);
INSERT INTO "slots" VALUES(279,'neder-over-heembeek','c2','appt-passport','2026-12-09 08:30:00.000000',15);
INSERT INTO "slots" VALUES(280,'neder-over-heembeek','c2','appt-passport','2026-12-09 08:45:00.000000',15);
INSERT INTO "slots" VALUES(281,'neder-over-heembeek','c2','appt-passport','2026-12-09 09:00:00.000000',15);
INSERT INTO "slots" VALUES(282,'neder-over-heembeek','c2','appt-passport','2026-12-09 09:15:00.000000',15);
INSERT INTO "slots" VALUES(283,'neder-over-heembeek','c2','appt-passport','2026-12-09 09:30:00.000000',15);
INSERT INTO "slots" VALUES(284,'neder-over-heembeek','c2','appt-passport','2026-12-09 09:45:00.000000',15);
INSERT INTO "slots" VALUES(285,'neder-over-heembeek','c2','appt-passport','2026-12-09 10:00:00.000000',15);
INSERT INTO "slots" VALUES(286,'neder-over-heembeek','c2','appt-passport','2026-12-09 10:15:00.000000',15);
INSERT INTO "slots" VALUES(287,'neder-over-heembeek','c2','appt-passport','2026-12-09 10:30:00.000000',15);
INSERT INTO "slots" VALUES(288,'neder-over-heembeek','c2','appt-passport','2026-12-09 10:45:00.000000',15);
INSERT INTO "slots" VALUES(289,'bxl-centre','c1','appt-id-card','2026-12-10 08:00:00.000000',15);
INSERT INTO "slots" VALUES(290,'bxl-centre','c1','appt-id-card','2026-12-10 08:15:00.000000',15);
INSERT INTO "slots" VALUES(291,'bxl-centre','c1','appt-id-card','2026-12-10 08:30:00.000000',15);
INSERT INTO "slots" VALUES(292,'bxl-centre','c1','appt-id-card','2026-12-10 08:45:00.000000',15);
INSERT INTO "slots" VALUES(293,'bxl-centre','c1','appt-id-card','2026-12-10 09:00:00.000000',15);
INSERT INTO "slots" VALUES(294,'bxl-centre','c1','appt-id-card','2026-12-10 09:15:00.000000',15);
INSERT INTO "slots" VALUES(295,'bxl-centre','c1','appt-id-card','2026-12-10 09:30:00.000000',15);
INSERT INTO "slots" VALUES(296,'bxl-centre','c1','appt-id-card','2026-12-10 09:45:00.000000',15);
INSERT INTO "slots" VALUES(297,'bxl-centre','c1','appt-id-card','2026-12-10 10:00:00.000000',15);
INSERT INTO "slots" VALUES(298,'bxl-centre','c1','appt-id-card','2026-12-10 10:15:00.000000',15);
INSERT INTO "slots" VALUES(299,'bxl-centre','c1','appt-id-card','2026-12-10 10:30:00.000000',15);
INSERT INTO "slots" VALUES(300,'bxl-centre','c1','appt-id-card','2026-12-10 10:45:00.000000',15);
INSERT INTO "slots" VALUES(301,'bxl-centre','c2','appt-passport','2026-12-10 08:00:00.000000',15);
INSERT INTO "slots" VALUES(302,'bxl-centre','c2','appt-passport','2026-12-10 08:15:00.000000',15);
INSERT INTO "slots" VALUES(303,'bxl-centre','c2','appt-passport','2026-12-10 08:30:00.000000',15);
INSERT INTO "slots" VALUES(304,'bxl-centre','c2','appt-passport','2026-12-10 08:45:00.000000',15);
INSERT INTO "slots" VALUES(305,'bxl-centre','c2','appt-passport','2026-12-10 09:00:00.000000',15);
INSERT INTO "slots" VALUES(306,'bxl-centre','c2','appt-passport','2026-12-10 09:15:00.000000',15);
INSERT INTO "slots" VALUES(307,'bxl-centre','c2','appt-passport','2026-12-10 09:30:00.000000',15);
INSERT INTO "slots" VALUES(308,'bxl-centre','c2','appt-passport','2026-12-10 09:45:00.000000',15);
INSERT INTO "slots" VALUES(309,'bxl-centre','c2','appt-passport','2026-12-10 10:00:00.000000',15);
INSERT INTO "slots" VALUES(310,'bxl-centre','c2','appt-passport','2026-12-10 10:15:00.000000',15);
INSERT INTO "slots" VALUES(311,'bxl-centre','c2','appt-passport','2026-12-10 10:30:00.000000',15);
INSERT INTO "slots" VALUES(312,'bxl-centre','c2','appt-passport','2026-12-10 10:45:00.000000',15);
INSERT INTO "slots" VALUES(313,'laeken','c1','appt-id-card','2026-12-10 08:00:00.000000',15);
INSERT INTO "slots" VALUES(314,'laeken','c1','appt-id-card','2026-12-10 08:15:00.000000',15);
INSERT INTO "slots" VALUES(315,'laeken','c1','appt-id-card','2026-12-10 08:30:00.000000',15);
INSERT INTO "slots" VALUES(316,'laeken','c1','appt-id-card','2026-12-10 08:45:00.000000',15);
INSERT INTO "slots" VALUES(317,'laeken','c1','appt-id-card','2026-12-10 09:00:00.000000',15);
INSERT INTO "slots" VALUES(318,'laeken','c1','appt-id-card','2026-12-10 09:15:00.000000',15);
INSERT INTO "slots" VALUES(319,'laeken','c1','appt-id-card','2026-12-10 09:30:00.000000',15);
INSERT INTO "slots" VALUES(320,'laeken','c1','appt-id-card','2026-12-10 09:45:00.000000',15);
INSERT INTO "slots" VALUES(321,'laeken','c1','appt-id-card','2026-12-10 10:00:00.000000',15);
INSERT INTO "slots" VALUES(322,'laeken','c1','appt-id-card','2026-12-10 10:15:00.000000',15);
INSERT INTO "slots" VALUES(323,'laeken','c1','appt-id-card','2026-12-10 10:30:00.000000',15);
INSERT INTO "slots" VALUES(324,'laeken','c1','appt-id-card','2026-12-10 10:45:00.000000',15);
INSERT INTO "slots" VALUES(325,'laeken','c2','appt-passport','2026-12-10 08:00:00.000000',15);
INSERT INTO "slots" VALUES(326,'laeken','c2','appt-passport','2026-12-10 08:15:00.000000',15);
INSERT INTO "slots" VALUES(327,'laeken','c2','appt-passport','2026-12-10 08:30:00.000000',15);
INSERT INTO "slots" VALUES(328,'laeken','c2','appt-passport','2026-12-10 08:45:00.000000',15);
INSERT INTO "slots" VALUES(329,'laeken','c2','appt-passport','2026-12-10 09:00:00.000000',15);
INSERT INTO "slots" VALUES(330,'laeken','c2','appt-passport','2026-12-10 09:15:00.000000',15);
INSERT INTO "slots" VALUES(331,'laeken','c2','appt-passport','2026-12-10 09:30:00.000000',15);
INSERT INTO "slots" VALUES(332,'laeken','c2','appt-passport','2026-12-10 09:45:00.000000',15);
INSERT INTO "slots" VALUES(333,'laeken','c2','appt-passport','2026-12-10 10:00:00.000000',15);
INSERT INTO "slots" VALUES(334,'laeken','c2','appt-passport','2026-12-10 10:15:00.000000',15);
INSERT INTO "slots" VALUES(335,'laeken','c2','appt-passport','2026-12-10 10:30:00.000000',15);
INSERT INTO "slots" VALUES(336,'laeken','c2','appt-passport','2026-12-10 10:45:00.000000',15);
INSERT INTO "slots" VALUES(337,'haren','c1','appt-id-card','2026-12-10 08:00:00.000000',15);
INSERT INTO "slots" VALUES(338,'haren','c1','appt-id-card','2026-12-10 08:15:00.000000',15);
INSERT INTO "slots" VALUES(339,'haren','c1','appt-id-card','2026-12-10 08:30:00.000000',15);
INSERT INTO "slots" VALUES(340,'haren','c1','appt-id-card','2026-12-10 08:45:00.000000',15);
INSERT INTO "slots" VALUES(341,'haren','c1','appt-id-card','2026-12-10 09:00:00.000000',15);
INSERT INTO "slots" VALUES(342,'haren','c1','appt-id-card','2026-12-10 09:15:00.000000',15);
INSERT INTO "slots" VALUES(343,'haren','c1','appt-id-card','2026-12-10 09:30:00.000000',15);
INSERT INTO "slots" VALUES(344,'haren','c1','appt-id-card','2026-12-10 09:45:00.000000',15);
INSERT INTO "slots" VALUES(345,'haren','c1','appt-id-card','2026-12-10 10:00:00.000000',15);
INSERT INTO "slots" VALUES(346,'haren','c1','appt-id-card','2026-12-10 10:15:00.000000',15);
INSERT INTO "slots" VALUES(347,'haren','c1','appt-id-card','2026-12-10 10:30:00.000000',15);
INSERT INTO "slots" VALUES(348,'haren','c1','appt-id-card','2026-12-10 10:45:00.000000',15);
INSERT INTO "slots" VALUES(349,'haren','c2','appt-passport','2026-12-10 08:00:00.000000',15);
INSERT INTO "slots" VALUES(350,'haren','c2','appt-passport','2026-12-10 08:15:00.000000',15);
INSERT INTO "slots" VALUES(351,'haren','c2','appt-passport','2026-12-10 08:30:00.000000',15);
INSERT INTO "slots" VALUES(352,'haren','c2','appt-passport','2026-12-10 08:45:00.000000',15);
INSERT INTO "slots" VALUES(353,'haren','c2','appt-passport','2026-12-10 09:00:00.000000',15);
INSERT INTO "slots" VALUES(354,'haren','c2','appt-passport','2026-12-10 09:15:00.000000',15);
INSERT INTO "slots" VALUES(355,'haren','c2','appt-passport','2026-12-10 09:30:00.000000',15);
INSERT INTO "slots" VALUES(356,'haren','c2','appt-passport','2026-12-10 09:45:00.000000',15);
INSERT INTO "slots" VALUES(357,'haren','c2','appt-passport','2026-12-10 10:00:00.000000',15);
INSERT INTO "slots" VALUES(358,'haren','c2','appt-passport','2026-12-10 10:15:00.000000',15);
INSERT INTO "slots" VALUES(359,'haren','c2','appt-passport','2026-12-10 10:30:00.000000',15);
INSERT INTO "slots" VALUES(360,'haren','c2','appt-passport','2026-12-10 10:45:00.000000',15);
INSERT INTO "slots" VALUES(361,'neder-over-heembeek','c1','appt-id-card','2026-12-10 08:00:00.000000',15);
INSERT INTO "slots" VALUES(362,'neder-over-heembeek','c1','appt-id-card','2026-12-10 08:15:00.000000',15);
INSERT INTO "slots" VALUES(363,'neder-over-heembeek','c1','appt-id-card','2026-12-10 08:30:00.000000',15);
INSERT INTO "slots" VALUES(364,'neder-over-heembeek','c1','appt-id-card','2026-12-10 08:45:00.000000',15);
INSERT INTO "slots" VALUES(365,'neder-over-heembeek','c1','appt-id-card','2026-12-10 09:00:00.000000',15);
INSERT INTO "slots" VALUES(366,'neder-over-heembeek','c1','appt-id-card','2026-12-10 09:15:00.000000',15);
INSERT INTO "slots" VALUES(367,'neder-over-heembeek','c1','appt-id-card','2026-12-10 09:30:00.000000',15);
INSERT INTO "slots" VALUES(368,'neder-over-heembeek','c1','appt-id-card','2026-12-10 09:45:00.000000',15);
INSERT INTO "slots" VALUES(369,'neder-over-heembeek','c1','appt-id-card','2026-12-10 10:00:00.000000',15);
INSERT INTO "slots" VALUES(370,'neder-over-heembeek','c1','appt-id-card','2026-12-10 10:15:00.000000',15);
INSERT INTO "slots" VALUES(371,'neder-over-heembeek','c1','appt-id-card','2026-12-10 10:30:00.000000',15);
INSERT INTO "slots" VALUES(372,'neder-over-heembeek','c1','appt-id-card','2026-12-10 10:45:00.000000',15);
INSERT INTO "slots" VALUES(373,'neder-over-heembeek','c2','appt-passport','2026-12-10 08:00:00.000000',15);
INSERT INTO "slots" VALUES(374,'neder-over-heembeek','c2','appt-passport','2026-12-10 08:15:00.000000',15);
INSERT INTO "slots" VALUES(375,'neder-over-heembeek','c2','appt-passport','2026-12-10 08:30:00.000000',15);
INSERT INTO "slots" VALUES(376,'neder-over-heembeek','c2','appt-passport','2026-12-10 08:45:00.000000',15);
INSERT INTO "slots" VALUES(377,'neder-over-heembeek','c2','appt-passport','2026-12-10 09:00:00.000000',15);
INSERT INTO "slots" VALUES(378,'neder-over-heembeek','c2','appt-passport','2026-12-10 09:15:00.000000',15);
INSERT INTO "slots" VALUES(379,'neder-over-heembeek','c2','appt-passport','2026-12-10 09:30:00.000000',15);
INSERT INTO "slots" VALUES(380,'neder-over-heembeek','c2','appt-passport','2026-12-10 09:45:00.000000',15);
INSERT INTO "slots" VALUES(381,'neder-over-heembeek','c2','appt-passport','2026-12-10 10:00:00.000000',15);
INSERT INTO "slots" VALUES(382,'neder-over-heembeek','c2','appt-passport','2026-12-10 10:15:00.000000',15);
INSERT INTO "slots" VALUES(383,'neder-over-heembeek','c2','appt-passport','2026-12-10 10:30:00.000000',15);
INSERT INTO "slots" VALUES(384,'neder-over-heembeek','c2','appt-passport','2026-12-10 10:45:00.000000',15);
INSERT INTO "slots" VALUES(385,'bxl-centre','c1','appt-id-card','2026-12-11 08:00:00.000000',15);
INSERT INTO "slots" VALUES(386,'bxl-centre','c1','appt-id-card','2026-12-11 08:15:00.000000',15);
INSERT INTO "slots" VALUES(387,'bxl-centre','c1','appt-id-card','2026-12-11 08:30:00.000000',15);
INSERT INTO "slots" VALUES(388,'bxl-centre','c1','appt-id-card','2026-12-11 08:45:00.000000',15);
INSERT INTO "slots" VALUES(389,'bxl-centre','c1','appt-id-card','2026-12-11 09:00:00.000000',15);
INSERT INTO "slots" VALUES(390,'bxl-centre','c1','appt-id-card','2026-12-11 09:15:00.000000',15);
INSERT INTO "slots" VALUES(391,'bxl-centre','c1','appt-id-card','2026-12-11 09:30:00.000000',15);
INSERT INTO "slots" VALUES(392,'bxl-centre','c1','appt-id-card','2026-12-11 09:45:00.000000',15);
INSERT INTO "slots" VALUES(393,'bxl-centre','c1','appt-id-card','2026-12-11 10:00:00.000000',15);
INSERT INTO "slots" VALUES(394,'bxl-centre','c1','appt-id-card','2026-12-11 10:15:00.000000',15);
INSERT INTO "slots" VALUES(395,'bxl-centre','c1','appt-id-card','2026-12-11 10:30:00.000000',15);
INSERT INTO "slots" VALUES(396,'bxl-centre','c1','appt-id-card','2026-12-11 10:45:00.000000',15);
INSERT INTO "slots" VALUES(397,'bxl-centre','c2','appt-passport','2026-12-11 08:00:00.000000',15);
INSERT INTO "slots" VALUES(398,'bxl-centre','c2','appt-passport','2026-12-11 08:15:00.000000',15);
INSERT INTO "slots" VALUES(399,'bxl-centre','c2','appt-passport','2026-12-11 08:30:00.000000',15);
INSERT INTO "slots" VALUES(400,'bxl-centre','c2','appt-passport','2026-12-11 08:45:00.000000',15);
INSERT INTO "slots" VALUES(401,'bxl-centre','c2','appt-passport','2026-12-11 09:00:00.000000',15);
INSERT INTO "slots" VALUES(402,'bxl-centre','c2','appt-passport','2026-12-11 09:15:00.000000',15);
INSERT INTO "slots" VALUES(403,'bxl-centre','c2','appt-passport','2026-12-11 09:30:00.000000',15);
INSERT INTO "slots" VALUES(404,'bxl-centre','c2','appt-passport','2026-12-11 09:45:00.000000',15);
INSERT INTO "slots" VALUES(405,'bxl-centre','c2','appt-passport','2026-12-11 10:00:00.000000',15);
INSERT INTO "slots" VALUES(406,'bxl-centre','c2','appt-passport','2026-12-11 10:15:00.000000',15);
INSERT INTO "slots" VALUES(407,'bxl-centre','c2','appt-passport','2026-12-11 10:30:00.000000',15);
INSERT INTO "slots" VALUES(408,'bxl-centre','c2','appt-passport','2026-12-11 10:45:00.000000',15);
INSERT INTO "slots" VALUES(409,'laeken','c1','appt-id-card','2026-12-11 08:00:00.000000',15);
INSERT INTO "slots" VALUES(410,'laeken','c1','appt-id-card','2026-12-11 08:15:00.000000',15);
INSERT INTO "slots" VALUES(411,'laeken','c1','appt-id-card','2026-12-11 08:30:00.000000',15);
INSERT INTO "slots" VALUES(412,'laeken','c1','appt-id-card','2026-12-11 08:45:00.000000',15);
INSERT INTO "slots" VALUES(413,'laeken','c1','appt-id-card','2026-12-11 09:00:00.000000',15);
INSERT INTO "slots" VALUES(414,'laeken','c1','appt-id-card','2026-12-11 09:15:00.000000',15);
INSERT INTO "slots" VALUES(415,'laeken','c1','appt-id-card','2026-12-11 09:30:00.000000',15);
INSERT INTO "slots" VALUES(416,'laeken','c1','appt-id-card','2026-12-11 09:45:00.000000',15);
INSERT INTO "slots" VALUES(417,'laeken','c1','appt-id-card','2026-12-11 10:00:00.000000',15);
INSERT INTO "slots" VALUES(418,'laeken','c1','appt-id-card','2026-12-11 10:15:00.000000',15);
INSERT INTO "slots" VALUES(419,'laeken','c1','appt-id-card','2026-12-11 10:30:00.000000',15);
INSERT INTO "slots" VALUES(420,'laeken','c1','appt-id-card','2026-12-11 10:45:00.000000',15);
INSERT INTO "slots" VALUES(421,'laeken','c2','appt-passport','2026-12-11 08:00:00.000000',15);
INSERT INTO "slots" VALUES(422,'laeken','c2','appt-passport','2026-12-11 08:15:00.000000',15);
INSERT INTO "slots" VALUES(423,'laeken','c2','appt-passport','2026-12-11 08:30:00.000000',15);
INSERT INTO "slots" VALUES(424,'laeken','c2','appt-passport','2026-12-11 08:45:00.000000',15);
INSERT INTO "slots" VALUES(425,'laeken','c2','appt-passport','2026-12-11 09:00:00.000000',15);
INSERT INTO "slots" VALUES(426,'laeken','c2','appt-passport','2026-12-11 09:15:00.000000',15);
INSERT INTO "slots" VALUES(427,'laeken','c2','appt-passport','2026-12-11 09:30:00.000000',15);
INSERT INTO "slots" VALUES(428,'laeken','c2','appt-passport','2026-12-11 09:45:00.000000',15);
INSERT INTO "slots" VALUES(429,'laeken','c2','appt-passport','2026-12-11 10:00:00.000000',15);
INSERT INTO "slots" VALUES(430,'laeken','c2','appt-passport','2026-12-11 10:15:00.000000',15);
INSERT INTO "slots" VALUES(431,'laeken','c2','appt-passport','2026-12-11 10:30:00.000000',15);
INSERT INTO "slots" VALUES(432,'laeken','c2','appt-passport','2026-12-11 10:45:00.000000',15);
INSERT INTO "slots" VALUES(433,'haren','c1','appt-id-card','2026-12-11 08:00:00.000000',15);
INSERT INTO "slots" VALUES(434,'haren','c1','appt-id-card','2026-12-11 08:15:00.000000',15);
INSERT INTO "slots" VALUES(435,'haren','c1','appt-id-card','2026-12-11 08:30:00.000000',15);
INSERT INTO "slots" VALUES(436,'haren','c1','appt-id-card','2026-12-11 08:45:00.000000',15);
INSERT INTO "slots" VALUES(437,'haren','c1','appt-id-card','2026-12-11 09:00:00.000000',15);
INSERT INTO "slots" VALUES(438,'haren','c1','appt-id-card','2026-12-11 09:15:00.000000',15);
INSERT INTO "slots" VALUES(439,'haren','c1','appt-id-card','2026-12-11 09:30:00.000000',15);
INSERT INTO "slots" VALUES(440,'haren','c1','appt-id-card','2026-12-11 09:45:00.000000',15);
INSERT INTO "slots" VALUES(441,'haren','c1','appt-id-card','2026-12-11 10:00:00.000000',15);
INSERT INTO "slots" VALUES(442,'haren','c1','appt-id-card','2026-12-11 10:15:00.000000',15);
INSERT INTO "slots" VALUES(443,'haren','c1','appt-id-card','2026-12-11 10:30:00.000000',15);
INSERT INTO "slots" VALUES(444,'haren','c1','appt-id-card','2026-12-11 10:45:00.000000',15);
INSERT INTO "slots" VALUES(445,'haren','c2','appt-passport','2026-12-11 08:00:00.000000',15);
INSERT INTO "slots" VALUES(446,'haren','c2','appt-passport','2026-12-11 08:15:00.000000',15);
INSERT INTO "slots" VALUES(447,'haren','c2','appt-passport','2026-12-11 08:30:00.000000',15);
INSERT INTO "slots" VALUES(448,'haren','c2','appt-passport','2026-12-11 08:45:00.000000',15);
INSERT INTO "slots" VALUES(449,'haren','c2','appt-passport','2026-12-11 09:00:00.000000',15);
INSERT INTO "slots" VALUES(450,'haren','c2','appt-passport','2026-12-11 09:15:00.000000',15);
INSERT INTO "slots" VALUES(451,'haren','c2','appt-passport','2026-12-11 09:30:00.000000',15);
INSERT INTO "slots" VALUES(452,'haren','c2','appt-passport','2026-12-11 09:45:00.000000',15);
INSERT INTO "slots" VALUES(453,'haren','c2','appt-passport','2026-12-11 10:00:00.000000',15);
INSERT INTO "slots" VALUES(454,'haren','c2','appt-passport','2026-12-11 10:15:00.000000',15);
INSERT INTO "slots" VALUES(455,'haren','c2','appt-passport','2026-12-11 10:30:00.000000',15);
INSERT INTO "slots" VALUES(456,'haren','c2','appt-passport','2026-12-11 10:45:00.000000',15);
INSERT INTO "slots" VALUES(457,'neder-over-heembeek','c1','appt-id-card','2026-12-11 08:00:00.000000',15);
INSERT INTO "slots" VALUES(458,'neder-over-heembeek','c1','appt-id-card','2026-12-11 08:15:00.000000',15);
INSERT INTO "slots" VALUES(459,'neder-over-heembeek','c1','appt-id-card','2026-12-11 08:30:00.000000',15);
INSERT INTO "slots" VALUES(460,'neder-over-heembeek','c1','appt-id-card','2026-12-11 08:45:00.000000',15);
INSERT INTO "slots" VALUES(461,'neder-over-heembeek','c1','appt-id-card','2026-12-11 09:00:00.000000',15);
INSERT INTO "slots" VALUES(462,'neder-over-heembeek','c1','appt-id-card','2026-12-11 09:15:00.000000',15);
INSERT INTO "slots" VALUES(463,'neder-over-heembeek','c1','appt-id-card','2026-12-11 09:30:00.000000',15);
INSERT INTO "slots" VALUES(464,'neder-over-heembeek','c1','appt-id-card','2026-12-11 09:45:00.000000',15);
INSERT INTO "slots" VALUES(465,'neder-over-heembeek','c1','appt-id-card','2026-12-11 10:00:00.000000',15);
INSERT INTO "slots" VALUES(466,'neder-over-heembeek','c1','appt-id-card','2026-12-11 10:15:00.000000',15);
INSERT INTO "slots" VALUES(467,'neder-over-heembeek','c1','appt-id-card','2026-12-11 10:30:00.000000',15);
INSERT INTO "slots" VALUES(468,'neder-over-heembeek','c1','appt-id-card','2026-12-11 10:45:00.000000',15);
INSERT INTO "slots" VALUES(469,'neder-over-heembeek','c2','appt-passport','2026-12-11 08:00:00.000000',15);
INSERT INTO "slots" VALUES(470,'neder-over-heembeek','c2','appt-passport','2026-12-11 08:15:00.000000',15);
INSERT INTO "slots" VALUES(471,'neder-over-heembeek','c2','appt-passport','2026-12-11 08:30:00.000000',15);
INSERT INTO "slots" VALUES(472,'neder-over-heembeek','c2','appt-passport','2026-12-11 08:45:00.000000',15);
INSERT INTO "slots" VALUES(473,'neder-over-heembeek','c2','appt-passport','2026-12-11 09:00:00.000000',15);
INSERT INTO "slots" VALUES(474,'neder-over-heembeek','c2','appt-passport','2026-12-11 09:15:00.000000',15);
INSERT INTO "slots" VALUES(475,'neder-over-heembeek','c2','appt-passport','2026-12-11 09:30:00.000000',15);
INSERT INTO "slots" VALUES(476,'neder-over-heembeek','c2','appt-passport','2026-12-11 09:45:00.000000',15);
INSERT INTO "slots" VALUES(477,'neder-over-heembeek','c2','appt-passport','2026-12-11 10:00:00.000000',15);
INSERT INTO "slots" VALUES(478,'neder-over-heembeek','c2','appt-passport','2026-12-11 10:15:00.000000',15);
INSERT INTO "slots" VALUES(479,'neder-over-heembeek','c2','appt-passport','2026-12-11 10:30:00.000000',15);
INSERT INTO "slots" VALUES(480,'neder-over-heembeek','c2','appt-passport','2026-12-11 10:45:00.000000',15);
INSERT INTO "slots" VALUES(481,'bxl-centre','c1','appt-id-card','2026-12-14 08:00:00.000000',15);
INSERT INTO "slots" VALUES(482,'bxl-centre','c1','appt-id-card','2026-12-14 08:15:00.000000',15);
INSERT INTO "slots" VALUES(483,'bxl-centre','c1','appt-id-card','2026-12-14 08:30:00.000000',15);
INSERT INTO "slots" VALUES(484,'bxl-centre','c1','appt-id-card','2026-12-14 08:45:00.000000',15);
INSERT INTO "slots" VALUES(485,'bxl-centre','c1','appt-id-card','2026-12-14 09:00:00.000000',15);
INSERT INTO "slots" VALUES(486,'bxl-centre','c1','appt-id-card','2026-12-14 09:15:00.000000',15);
INSERT INTO "slots" VALUES(487,'bxl-centre','c1','appt-id-card','2026-12-14 09:30:00.000000',15);
INSERT INTO "slots" VALUES(488,'bxl-centre','c1','appt-id-card','2026-12-14 09:45:00.000000',15);
INSERT INTO "slots" VALUES(489,'bxl-centre','c1','appt-id-card','2026-12-14 10:00:00.000000',15);
INSERT INTO "slots" VALUES(490,'bxl-centre','c1','appt-id-card','2026-12-14 10:15:00.000000',15);
INSERT INTO "slots" VALUES(491,'bxl-centre','c1','appt-id-card','2026-12-14 10:30:00.000000',15);
INSERT INTO "slots" VALUES(492,'bxl-centre','c1','appt-id-card','2026-12-14 10:45:00.000000',15);
INSERT INTO "slots" VALUES(493,'bxl-centre','c2','appt-passport','2026-12-14 08:00:00.000000',15);
INSERT INTO "slots" VALUES(494,'bxl-centre','c2','appt-passport','2026-12-14 08:15:00.000000',15);
INSERT INTO "slots" VALUES(495,'bxl-centre','c2','appt-passport','2026-12-14 08:30:00.000000',15);
INSERT INTO "slots" VALUES(496,'bxl-centre','c2','appt-passport','2026-12-14 08:45:00.000000',15);
INSERT INTO "slots" VALUES(497,'bxl-centre','c2','appt-passport','2026-12-14 09:00:00.000000',15);
INSERT INTO "slots" VALUES(498,'bxl-centre','c2','appt-passport','2026-12-14 09:15:00.000000',15);
INSERT INTO "slots" VALUES(499,'bxl-centre','c2','appt-passport','2026-12-14 09:30:00.000000',15);
INSERT INTO "slots" VALUES(500,'bxl-centre','c2','appt-passport','2026-12-14 09:45:00.000000',15);
INSERT INTO "slots" VALUES(501,'bxl-centre','c2','appt-passport','2026-12-14 10:00:00.000000',15);
INSERT INTO "slots" VALUES(502,'bxl-centre','c2','appt-passport','2026-12-14 10:15:00.000000',15);
INSERT INTO "slots" VALUES(503,'bxl-centre','c2','appt-passport','2026-12-14 10:30:00.000000',15);
INSERT INTO "slots" VALUES(504,'bxl-centre','c2','appt-passport','2026-12-14 10:45:00.000000',15);
INSERT INTO "slots" VALUES(505,'laeken','c1','appt-id-card','2026-12-14 08:00:00.000000',15);
INSERT INTO "slots" VALUES(506,'laeken','c1','appt-id-card','2026-12-14 08:15:00.000000',15);
INSERT INTO "slots" VALUES(507,'laeken','c1','appt-id-card','2026-12-14 08:30:00.000000',15);
INSERT INTO "slots" VALUES(508,'laeken','c1','appt-id-card','2026-12-14 08:45:00.000000',15);
INSERT INTO "slots" VALUES(509,'laeken','c1','appt-id-card','2026-12-14 09:00:00.000000',15);
INSERT INTO "slots" VALUES(510,'laeken','c1','appt-id-card','2026-12-14 09:15:00.000000',15);
INSERT INTO "slots" VALUES(511,'laeken','c1','appt-id-card','2026-12-14 09:30:00.000000',15);
INSERT INTO "slots" VALUES(512,'laeken','c1','appt-id-card','2026-12-14 09:45:00.000000',15);
INSERT INTO "slots" VALUES(513,'laeken','c1','appt-id-card','2026-12-14 10:00:00.000000',15);
INSERT INTO "slots" VALUES(514,'laeken','c1','appt-id-card','2026-12-14 10:15:00.000000',15);
INSERT INTO "slots" VALUES(515,'laeken','c1','appt-id-card','2026-12-14 10:30:00.000000',15);
INSERT INTO "slots" VALUES(516,'laeken','c1','appt-id-card','2026-12-14 10:45:00.000000',15);
INSERT INTO "slots" VALUES(517,'laeken','c2','appt-passport','2026-12-14 08:00:00.000000',15);
INSERT INTO "slots" VALUES(518,'laeken','c2','appt-passport','2026-12-14 08:15:00.000000',15);
INSERT INTO "slots" VALUES(519,'laeken','c2','appt-passport','2026-12-14 08:30:00.000000',15);
INSERT INTO "slots" VALUES(520,'laeken','c2','appt-passport','2026-12-14 08:45:00.000000',15);
INSERT INTO "slots" VALUES(521,'laeken','c2','appt-passport','2026-12-14 09:00:00.000000',15);
INSERT INTO "slots" VALUES(522,'laeken','c2','appt-passport','2026-12-14 09:15:00.000000',15);
INSERT INTO "slots" VALUES(523,'laeken','c2','appt-passport','2026-12-14 09:30:00.000000',15);
INSERT INTO "slots" VALUES(524,'laeken','c2','appt-passport','2026-12-14 09:45:00.000000',15);
INSERT INTO "slots" VALUES(525,'laeken','c2','appt-passport','2026-12-14 10:00:00.000000',15);
INSERT INTO "slots" VALUES(526,'laeken','c2','appt-passport','2026-12-14 10:15:00.000000',15);
INSERT INTO "slots" VALUES(527,'laeken','c2','appt-passport','2026-12-14 10:30:00.000000',15);
INSERT INTO "slots" VALUES(528,'laeken','c2','appt-passport','2026-12-14 10:45:00.000000',15);
INSERT INTO "slots" VALUES(529,'haren','c1','appt-id-card','2026-12-14 08:00:00.000000',15);
INSERT INTO "slots" VALUES(530,'haren','c1','appt-id-card','2026-12-14 08:15:00.000000',15);
INSERT INTO "slots" VALUES(531,'haren','c1','appt-id-card','2026-12-14 08:30:00.000000',15);
INSERT INTO "slots" VALUES(532,'haren','c1','appt-id-card','2026-12-14 08:45:00.000000',15);
INSERT INTO "slots" VALUES(533,'haren','c1','appt-id-card','2026-12-14 09:00:00.000000',15);
INSERT INTO "slots" VALUES(534,'haren','c1','appt-id-card','2026-12-14 09:15:00.000000',15);
INSERT INTO "slots" VALUES(535,'haren','c1','appt-id-card','2026-12-14 09:30:00.000000',15);
INSERT INTO "slots" VALUES(536,'haren','c1','appt-id-card','2026-12-14 09:45:00.000000',15);
INSERT INTO "slots" VALUES(537,'haren','c1','appt-id-card','2026-12-14 10:00:00.000000',15);
INSERT INTO "slots" VALUES(538,'haren','c1','appt-id-card','2026-12-14 10:15:00.000000',15);
INSERT INTO "slots" VALUES(539,'haren','c1','appt-id-card','2026-12-14 10:30:00.000000',15);
INSERT INTO "slots" VALUES(540,'haren','c1','appt-id-card','2026-12-14 10:45:00.000000',15);
INSERT INTO "slots" VALUES(541,'haren','c2','appt-passport','2026-12-14 08:00:00.000000',15);
INSERT INTO "slots" VALUES(542,'haren','c2','appt-passport','2026-12-14 08:15:00.000000',15);
INSERT INTO "slots" VALUES(543,'haren','c2','appt-passport','2026-12-14 08:30:00.000000',15);
INSERT INTO "slots" VALUES(544,'haren','c2','appt-passport','2026-12-14 08:45:00.000000',15);
INSERT INTO "slots" VALUES(545,'haren','c2','appt-passport','2026-12-14 09:00:00.000000',15);
INSERT INTO "slots" VALUES(546,'haren','c2','appt-passport','2026-12-14 09:15:00.000000',15);
INSERT INTO "slots" VALUES(547,'haren','c2','appt-passport','2026-12-14 09:30:00.000000',15);
INSERT INTO "slots" VALUES(548,'haren','c2','appt-passport','2026-12-14 09:45:00.000000',15);
INSERT INTO "slots" VALUES(549,'haren','c2','appt-passport','2026-12-14 10:00:00.000000',15);
INSERT INTO "slots" VALUES(550,'haren','c2','appt-passport','2026-12-14 10:15:00.000000',15);
INSERT INTO "slots" VALUES(551,'haren','c2','appt-passport','2026-12-14 10:30:00.000000',15);
INSERT INTO "slots" VALUES(552,'haren','c2','appt-passport','2026-12-14 10:45:00.000000',15);
INSERT INTO "slots" VALUES(553,'neder-over-heembeek','c1','appt-id-card','2026-12-14 08:00:00.000000',15);
INSERT INTO "slots" VALUES(554,'neder-over-heembeek','c1','appt-id-card','2026-12-14 08:15:00.000000',15);
INSERT INTO "slots" VALUES(555,'neder-over-heembeek','c1','appt-id-card','2026-12-14 08:30:00.000000',15);
INSERT INTO "slots" VALUES(556,'neder-over-heembeek','c1','appt-id-card','2026-12-14 08:45:00.000000',15);
INSERT INTO "slots" VALUES(557,'neder-over-heembeek','c1','appt-id-card','2026-12-14 09:00:00.000000',15);
INSERT INTO "slots" VALUES(558,'neder-over-heembeek','c1','appt-id-card','2026-12-14 09:15:00.000000',15);
INSERT INTO "slots" VALUES(559,'neder-over-heembeek','c1','appt-id-card','2026-12-14 09:30:00.000000',15);
INSERT INTO "slots" VALUES(560,'neder-over-heembeek','c1','appt-id-card','2026-12-14 09:45:00.000000',15);
INSERT INTO "slots" VALUES(561,'neder-over-heembeek','c1','appt-id-card','2026-12-14 10:00:00.000000',15);
INSERT INTO "slots" VALUES(562,'neder-over-heembeek','c1','appt-id-card','2026-12-14 10:15:00.000000',15);
INSERT INTO "slots" VALUES(563,'neder-over-heembeek','c1','appt-id-card','2026-12-14 10:30:00.000000',15);
INSERT INTO "slots" VALUES(564,'neder-over-heembeek','c1','appt-id-card','2026-12-14 10:45:00.000000',15);
INSERT INTO "slots" VALUES(565,'neder-over-heembeek','c2','appt-passport','2026-12-14 08:00:00.000000',15);
INSERT INTO "slots" VALUES(566,'neder-over-heembeek','c2','appt-passport','2026-12-14 08:15:00.000000',15);
INSERT INTO "slots" VALUES(567,'neder-over-heembeek','c2','appt-passport','2026-12-14 08:30:00.000000',15);
INSERT INTO "slots" VALUES(568,'neder-over-heembeek','c2','appt-passport','2026-12-14 08:45:00.000000',15);
INSERT INTO "slots" VALUES(569,'neder-over-heembeek','c2','appt-passport','2026-12-14 09:00:00.000000',15);
INSERT INTO "slots" VALUES(570,'neder-over-heembeek','c2','appt-passport','2026-12-14 09:15:00.000000',15);
INSERT INTO "slots" VALUES(571,'neder-over-heembeek','c2','appt-passport','2026-12-14 09:30:00.000000',15);
INSERT INTO "slots" VALUES(572,'neder-over-heembeek','c2','appt-passport','2026-12-14 09:45:00.000000',15);
INSERT INTO "slots" VALUES(573,'neder-over-heembeek','c2','appt-passport','2026-12-14 10:00:00.000000',15);
INSERT INTO "slots" VALUES(574,'neder-over-heembeek','c2','appt-passport','2026-12-14 10:15:00.000000',15);
INSERT INTO "slots" VALUES(575,'neder-over-heembeek','c2','appt-passport','2026-12-14 10:30:00.000000',15);
INSERT INTO "slots" VALUES(576,'neder-over-heembeek','c2','appt-passport','2026-12-14 10:45:00.000000',15);
INSERT INTO "slots" VALUES(577,'bxl-centre','c1','appt-id-card','2026-12-15 08:00:00.000000',15);
INSERT INTO "slots" VALUES(578,'bxl-centre','c1','appt-id-card','2026-12-15 08:15:00.000000',15);
INSERT INTO "slots" VALUES(579,'bxl-centre','c1','appt-id-card','2026-12-15 08:30:00.000000',15);
INSERT INTO "slots" VALUES(580,'bxl-centre','c1','appt-id-card','2026-12-15 08:45:00.000000',15);
INSERT INTO "slots" VALUES(581,'bxl-centre','c1','appt-id-card','2026-12-15 09:00:00.000000',15);
INSERT INTO "slots" VALUES(582,'bxl-centre','c1','appt-id-card','2026-12-15 09:15:00.000000',15);
INSERT INTO "slots" VALUES(583,'bxl-centre','c1','appt-id-card','2026-12-15 09:30:00.000000',15);
INSERT INTO "slots" VALUES(584,'bxl-centre','c1','appt-id-card','2026-12-15 09:45:00.000000',15);
INSERT INTO "slots" VALUES(585,'bxl-centre','c1','appt-id-card','2026-12-15 10:00:00.000000',15);
INSERT INTO "slots" VALUES(586,'bxl-centre','c1','appt-id-card','2026-12-15 10:15:00.000000',15);
INSERT INTO "slots" VALUES(587,'bxl-centre','c1','appt-id-card','2026-12-15 10:30:00.000000',15);
INSERT INTO "slots" VALUES(588,'bxl-centre','c1','appt-id-card','2026-12-15 10:45:00.000000',15);
INSERT INTO "slots" VALUES(589,'bxl-centre','c2','appt-passport','2026-12-15 08:00:00.000000',15);
INSERT INTO "slots" VALUES(590,'bxl-centre','c2','appt-passport','2026-12-15 08:15:00.000000',15);
INSERT INTO "slots" VALUES(591,'bxl-centre','c2','appt-passport','2026-12-15 08:30:00.000000',15);
INSERT INTO "slots" VALUES(592,'bxl-centre','c2','appt-passport','2026-12-15 08:45:00.000000',15);
INSERT INTO "slots" VALUES(593,'bxl-centre','c2','appt-passport','2026-12-15 09:00:00.000000',15);
INSERT INTO "slots" VALUES(594,'bxl-centre','c2','appt-passport','2026-12-15 09:15:00.000000',15);
INSERT INTO "slots" VALUES(595,'bxl-centre','c2','appt-passport','2026-12-15 09:30:00.000000',15);
INSERT INTO "slots" VALUES(596,'bxl-centre','c2','appt-passport','2026-12-15 09:45:00.000000',15);
INSERT INTO "slots" VALUES(597,'bxl-centre','c2','appt-passport','2026-12-15 10:00:00.000000',15);
INSERT INTO "slots" VALUES(598,'bxl-centre','c2','appt-passport','2026-12-15 10:15:00.000000',15);
INSERT INTO "slots" VALUES(599,'bxl-centre','c2','appt-passport','2026-12-15 10:30:00.000000',15);
INSERT INTO "slots" VALUES(600,'bxl-centre','c2','appt-passport','2026-12-15 10:45:00.000000',15);
INSERT INTO "slots" VALUES(601,'laeken','c1','appt-id-card','2026-12-15 08:00:00.000000',15);
INSERT INTO "slots" VALUES(602,'laeken','c1','appt-id-card','2026-12-15 08:15:00.000000',15);
INSERT INTO "slots" VALUES(603,'laeken','c1','appt-id-card','2026-12-15 08:30:00.000000',15);
INSERT INTO "slots" VALUES(604,'laeken','c1','appt-id-card','2026-12-15 08:45:00.000000',15);
INSERT INTO "slots" VALUES(605,'laeken','c1','appt-id-card','2026-12-15 09:00:00.000000',15);
INSERT INTO "slots" VALUES(606,'laeken','c1','appt-id-card','2026-12-15 09:15:00.000000',15);
INSERT INTO "slots" VALUES(607,'laeken','c1','appt-id-card','2026-12-15 09:30:00.000000',15);
INSERT INTO "slots" VALUES(608,'laeken','c1','appt-id-card','2026-12-15 09:45:00.000000',15);
INSERT INTO "slots" VALUES(609,'laeken','c1','appt-id-card','2026-12-15 10:00:00.000000',15);
INSERT INTO "slots" VALUES(610,'laeken','c1','appt-id-card','2026-12-15 10:15:00.000000',15);
INSERT INTO "slots" VALUES(611,'laeken','c1','appt-id-card','2026-12-15 10:30:00.000000',15);
INSERT INTO "slots" VALUES(612,'laeken','c1','appt-id-card','2026-12-15 10:45:00.000000',15);
INSERT INTO "slots" VALUES(613,'laeken','c2','appt-passport','2026-12-15 08:00:00.000000',15);
INSERT INTO "slots" VALUES(614,'laeken','c2','appt-passport','2026-12-15 08:15:00.000000',15);
INSERT INTO "slots" VALUES(615,'laeken','c2','appt-passport','2026-12-15 08:30:00.000000',15);
INSERT INTO "slots" VALUES(616,'laeken','c2','appt-passport','2026-12-15 08:45:00.000000',15);
INSERT INTO "slots" VALUES(617,'laeken','c2','appt-passport','2026-12-15 09:00:00.000000',15);
INSERT INTO "slots" VALUES(618,'laeken','c2','appt-passport','2026-12-15 09:15:00.000000',15);
INSERT INTO "slots" VALUES(619,'laeken','c2','appt-passport','2026-12-15 09:30:00.000000',15);
INSERT INTO "slots" VALUES(620,'laeken','c2','appt-passport','2026-12-15 09:45:00.000000',15);
INSERT INTO "slots" VALUES(621,'laeken','c2','appt-passport','2026-12-15 10:00:00.000000',15);
INSERT INTO "slots" VALUES(622,'laeken','c2','appt-passport','2026-12-15 10:15:00.000000',15);
INSERT INTO "slots" VALUES(623,'laeken','c2','appt-passport','2026-12-15 10:30:00.000000',15);
INSERT INTO "slots" VALUES(624,'laeken','c2','appt-passport','2026-12-15 10:45:00.000000',15);
INSERT INTO "slots" VALUES(625,'haren','c1','appt-id-card','2026-12-15 08:00:00.000000',15);
INSERT INTO "slots" VALUES(626,'haren','c1','appt-id-card','2026-12-15 08:15:00.000000',15);
INSERT INTO "slots" VALUES(627,'haren','c1','appt-id-card','2026-12-15 08:30:00.000000',15);
INSERT INTO "slots" VALUES(628,'haren','c1','appt-id-card','2026-12-15 08:45:00.000000',15);
INSERT INTO "slots" VALUES(629,'haren','c1','appt-id-card','2026-12-15 09:00:00.000000',15);
INSERT INTO "slots" VALUES(630,'haren','c1','appt-id-card','2026-12-15 09:15:00.000000',15);
INSERT INTO "slots" VALUES(631,'haren','c1','appt-id-card','2026-12-15 09:30:00.000000',15);
INSERT INTO "slots" VALUES(632,'haren','c1','appt-id-card','2026-12-15 09:45:00.000000',15);
INSERT INTO "slots" VALUES(633,'haren','c1','appt-id-card','2026-12-15 10:00:00.000000',15);
INSERT INTO "slots" VALUES(634,'haren','c1','appt-id-card','2026-12-15 10:15:00.000000',15);
INSERT INTO "slots" VALUES(635,'haren','c1','appt-id-card','2026-12-15 10:30:00.000000',15);
INSERT INTO "slots" VALUES(636,'haren','c1','appt-id-card','2026-12-15 10:45:00.000000',15);
INSERT INTO "slots" VALUES(637,'haren','c2','appt-passport','2026-12-15 08:00:00.000000',15);
INSERT INTO "slots" VALUES(638,'haren','c2','appt-passport','2026-12-15 08:15:00.000000',15);
INSERT INTO "slots" VALUES(639,'haren','c2','appt-passport','2026-12-15 08:30:00.000000',15);
INSERT INTO "slots" VALUES(640,'haren','c2','appt-passport','2026-12-15 08:45:00.000000',15);
INSERT INTO "slots" VALUES(641,'haren','c2','appt-passport','2026-12-15 09:00:00.000000',15);
INSERT INTO "slots" VALUES(642,'haren','c2','appt-passport','2026-12-15 09:15:00.000000',15);
INSERT INTO "slots" VALUES(643,'haren','c2','appt-passport','2026-12-15 09:30:00.000000',15);
INSERT INTO "slots" VALUES(644,'haren','c2','appt-passport','2026-12-15 09:45:00.000000',15);
INSERT INTO "slots" VALUES(645,'haren','c2','appt-passport','2026-12-15 10:00:00.000000',15);
INSERT INTO "slots" VALUES(646,'haren','c2','appt-passport','2026-12-15 10:15:00.000000',15);
INSERT INTO "slots" VALUES(647,'haren','c2','appt-passport','2026-12-15 10:30:00.000000',15);
INSERT INTO "slots" VALUES(648,'haren','c2','appt-passport','2026-12-15 10:45:00.000000',15);
INSERT INTO "slots" VALUES(649,'neder-over-heembeek','c1','appt-id-card','2026-12-15 08:00:00.000000',15);
INSERT INTO "slots" VALUES(650,'neder-over-heembeek','c1','appt-id-card','2026-12-15 08:15:00.000000',15);
INSERT INTO "slots" VALUES(651,'neder-over-heembeek','c1','appt-id-card','2026-12-15 08:30:00.000000',15);
INSERT INTO "slots" VALUES(652,'neder-over-heembeek','c1','appt-id-card','2026-12-15 08:45:00.000000',15);
INSERT INTO "slots" VALUES(653,'neder-over-heembeek','c1','appt-id-card','2026-12-15 09:00:00.000000',15);
INSERT INTO "slots" VALUES(654,'neder-over-heembeek','c1','appt-id-card','2026-12-15 09:15:00.000000',15);
INSERT INTO "slots" VALUES(655,'neder-over-heembeek','c1','appt-id-card','2026-12-15 09:30:00.000000',15);
INSERT INTO "slots" VALUES(656,'neder-over-heembeek','c1','appt-id-card','2026-12-15 09:45:00.000000',15);
INSERT INTO "slots" VALUES(657,'neder-over-heembeek','c1','appt-id-card','2026-12-15 10:00:00.000000',15);
INSERT INTO "slots" VALUES(658,'neder-over-heembeek','c1','appt-id-card','2026-12-15 10:15:00.000000',15);
INSERT INTO "slots" VALUES(659,'neder-over-heembeek','c1','appt-id-card','2026-12-15 10:30:00.000000',15);
INSERT INTO "slots" VALUES(660,'neder-over-heembeek','c1','appt-id-card','2026-12-15 10:45:00.000000',15);
INSERT INTO "slots" VALUES(661,'neder-over-heembeek','c2','appt-passport','2026-12-15 08:00:00.000000',15);
INSERT INTO "slots" VALUES(662,'neder-over-heembeek','c2','appt-passport','2026-12-15 08:15:00.000000',15);
INSERT INTO "slots" VALUES(663,'neder-over-heembeek','c2','appt-passport','2026-12-15 08:30:00.000000',15);
INSERT INTO "slots" VALUES(664,'neder-over-heembeek','c2','appt-passport','2026-12-15 08:45:00.000000',15);
INSERT INTO "slots" VALUES(665,'neder-over-heembeek','c2','appt-passport','2026-12-15 09:00:00.000000',15);
INSERT INTO "slots" VALUES(666,'neder-over-heembeek','c2','appt-passport','2026-12-15 09:15:00.000000',15);
INSERT INTO "slots" VALUES(667,'neder-over-heembeek','c2','appt-passport','2026-12-15 09:30:00.000000',15);
INSERT INTO "slots" VALUES(668,'neder-over-heembeek','c2','appt-passport','2026-12-15 09:45:00.000000',15);
INSERT INTO "slots" VALUES(669,'neder-over-heembeek','c2','appt-passport','2026-12-15 10:00:00.000000',15);
INSERT INTO "slots" VALUES(670,'neder-over-heembeek','c2','appt-passport','2026-12-15 10:15:00.000000',15);
INSERT INTO "slots" VALUES(671,'neder-over-heembeek','c2','appt-passport','2026-12-15 10:30:00.000000',15);
INSERT INTO "slots" VALUES(672,'neder-over-heembeek','c2','appt-passport','2026-12-15 10:45:00.000000',15);
INSERT INTO "slots" VALUES(673,'bxl-centre','c1','appt-id-card','2026-12-16 08:00:00.000000',15);
INSERT INTO "slots" VALUES(674,'bxl-centre','c1','appt-id-card','2026-12-16 08:15:00.000000',15);
INSERT INTO "slots" VALUES(675,'bxl-centre','c1','appt-id-card','2026-12-16 08:30:00.000000',15);
INSERT INTO "slots" VALUES(676,'bxl-centre','c1','appt-id-card','2026-12-16 08:45:00.000000',15);
INSERT INTO "slots" VALUES(677,'bxl-centre','c1','appt-id-card','2026-12-16 09:00:00.000000',15);
INSERT INTO "slots" VALUES(678,'bxl-centre','c1','appt-id-card','2026-12-16 09:15:00.000000',15);
INSERT INTO "slots" VALUES(679,'bxl-centre','c1','appt-id-card','2026-12-16 09:30:00.000000',15);
INSERT INTO "slots" VALUES(680,'bxl-centre','c1','appt-id-card','2026-12-16 09:45:00.000000',15);
INSERT INTO "slots" VALUES(681,'bxl-centre','c1','appt-id-card','2026-12-16 10:00:00.000000',15);
INSERT INTO "slots" VALUES(682,'bxl-centre','c1','appt-id-card','2026-12-16 10:15:00.000000',15);
INSERT INTO "slots" VALUES(683,'bxl-centre','c1','appt-id-card','2026-12-16 10:30:00.000000',15);
INSERT INTO "slots" VALUES(684,'bxl-centre','c1','appt-id-card','2026-12-16 10:45:00.000000',15);
INSERT INTO "slots" VALUES(685,'bxl-centre','c2','appt-passport','2026-12-16 08:00:00.000000',15);
INSERT INTO "slots" VALUES(686,'bxl-centre','c2','appt-passport','2026-12-16 08:15:00.000000',15);
INSERT INTO "slots" VALUES(687,'bxl-centre','c2','appt-passport','2026-12-16 08:30:00.000000',15);
INSERT INTO "slots" VALUES(688,'bxl-centre','c2','appt-passport','2026-12-16 08:45:00.000000',15);
INSERT INTO "slots" VALUES(689,'bxl-centre','c2','appt-passport','2026-12-16 09:00:00.000000',15);
INSERT INTO "slots" VALUES(690,'bxl-centre','c2','appt-passport','2026-12-16 09:15:00.000000',15);
INSERT INTO "slots" VALUES(691,'bxl-centre','c2','appt-passport','2026-12-16 09:30:00.000000',15);
INSERT INTO "slots" VALUES(692,'bxl-centre','c2','appt-passport','2026-12-16 09:45:00.000000',15);
INSERT INTO "slots" VALUES(693,'bxl-centre','c2','appt-passport','2026-12-16 10:00:00.000000',15);
INSERT INTO "slots" VALUES(694,'bxl-centre','c2','appt-passport','2026-12-16 10:15:00.000000',15);
INSERT INTO "slots" VALUES(695,'bxl-centre','c2','appt-passport','2026-12-16 10:30:00.000000',15);
INSERT INTO "slots" VALUES(696,'bxl-centre','c2','appt-passport','2026-12-16 10:45:00.000000',15);
INSERT INTO "slots" VALUES(697,'laeken','c1','appt-id-card','2026-12-16 08:00:00.000000',15);
INSERT INTO "slots" VALUES(698,'laeken','c1','appt-id-card','2026-12-16 08:15:00.000000',15);
INSERT INTO "slots" VALUES(699,'laeken','c1','appt-id-card','2026-12-16 08:30:00.000000',15);
INSERT INTO "slots" VALUES(700,'laeken','c1','appt-id-card','2026-12-16 08:45:00.000000',15);
INSERT INTO "slots" VALUES(701,'laeken','c1','appt-id-card','2026-12-16 09:00:00.000000',15);
INSERT INTO "slots" VALUES(702,'laeken','c1','appt-id-card','2026-12-16 09:15:00.000000',15);
INSERT INTO "slots" VALUES(703,'laeken','c1','appt-id-card','2026-12-16 09:30:00.000000',15);
INSERT INTO "slots" VALUES(704,'laeken','c1','appt-id-card','2026-12-16 09:45:00.000000',15);
INSERT INTO "slots" VALUES(705,'laeken','c1','appt-id-card','2026-12-16 10:00:00.000000',15);
INSERT INTO "slots" VALUES(706,'laeken','c1','appt-id-card','2026-12-16 10:15:00.000000',15);
INSERT INTO "slots" VALUES(707,'laeken','c1','appt-id-card','2026-12-16 10:30:00.000000',15);
INSERT INTO "slots" VALUES(708,'laeken','c1','appt-id-card','2026-12-16 10:45:00.000000',15);
INSERT INTO "slots" VALUES(709,'laeken','c2','appt-passport','2026-12-16 08:00:00.000000',15);
INSERT INTO "slots" VALUES(710,'laeken','c2','appt-passport','2026-12-16 08:15:00.000000',15);
INSERT INTO "slots" VALUES(711,'laeken','c2','appt-passport','2026-12-16 08:30:00.000000',15);
INSERT INTO "slots" VALUES(712,'laeken','c2','appt-passport','2026-12-16 08:45:00.000000',15);
INSERT INTO "slots" VALUES(713,'laeken','c2','appt-passport','2026-12-16 09:00:00.000000',15);
INSERT INTO "slots" VALUES(714,'laeken','c2','appt-passport','2026-12-16 09:15:00.000000',15);
INSERT INTO "slots" VALUES(715,'laeken','c2','appt-passport','2026-12-16 09:30:00.000000',15);
INSERT INTO "slots" VALUES(716,'laeken','c2','appt-passport','2026-12-16 09:45:00.000000',15);
INSERT INTO "slots" VALUES(717,'laeken','c2','appt-passport','2026-12-16 10:00:00.000000',15);
INSERT INTO "slots" VALUES(718,'laeken','c2','appt-passport','2026-12-16 10:15:00.000000',15);
INSERT INTO "slots" VALUES(719,'laeken','c2','appt-passport','2026-12-16 10:30:00.000000',15);
INSERT INTO "slots" VALUES(720,'laeken','c2','appt-passport','2026-12-16 10:45:00.000000',15);
INSERT INTO "slots" VALUES(721,'haren','c1','appt-id-card','2026-12-16 08:00:00.000000',15);
INSERT INTO "slots" VALUES(722,'haren','c1','appt-id-card','2026-12-16 08:15:00.000000',15);
INSERT INTO "slots" VALUES(723,'haren','c1','appt-id-card','2026-12-16 08:30:00.000000',15);
INSERT INTO "slots" VALUES(724,'haren','c1','appt-id-card','2026-12-16 08:45:00.000000',15);
INSERT INTO "slots" VALUES(725,'haren','c1','appt-id-card','2026-12-16 09:00:00.000000',15);
INSERT INTO "slots" VALUES(726,'haren','c1','appt-id-card','2026-12-16 09:15:00.000000',15);
INSERT INTO "slots" VALUES(727,'haren','c1','appt-id-card','2026-12-16 09:30:00.000000',15);
INSERT INTO "slots" VALUES(728,'haren','c1','appt-id-card','2026-12-16 09:45:00.000000',15);
INSERT INTO "slots" VALUES(729,'haren','c1','appt-id-card','2026-12-16 10:00:00.000000',15);
INSERT INTO "slots" VALUES(730,'haren','c1','appt-id-card','2026-12-16 10:15:00.000000',15);
INSERT INTO "slots" VALUES(731,'haren','c1','appt-id-card','2026-12-16 10:30:00.000000',15);
INSERT INTO "slots" VALUES(732,'haren','c1','appt-id-card','2026-12-16 10:45:00.000000',15);
INSERT INTO "slots" VALUES(733,'haren','c2','appt-passport','2026-12-16 08:00:00.000000',15);
INSERT INTO "slots" VALUES(734,'haren','c2','appt-passport','2026-12-16 08:15:00.000000',15);
INSERT INTO "slots" VALUES(735,'haren','c2','appt-passport','2026-12-16 08:30:00.000000',15);
INSERT INTO "slots" VALUES(736,'haren','c2','appt-passport','2026-12-16 08:45:00.000000',15);
INSERT INTO "slots" VALUES(737,'haren','c2','appt-passport','2026-12-16 09:00:00.000000',15);
INSERT INTO "slots" VALUES(738,'haren','c2','appt-passport','2026-12-16 09:15:00.000000',15);
INSERT INTO "slots" VALUES(739,'haren','c2','appt-passport','2026-12-16 09:30:00.000000',15);
INSERT INTO "slots" VALUES(740,'haren','c2','appt-passport','2026-12-16 09:45:00.000000',15);
INSERT INTO "slots" VALUES(741,'haren','c2','appt-passport','2026-12-16 10:00:00.000000',15);
INSERT INTO "slots" VALUES(742,'haren','c2','appt-passport','2026-12-16 10:15:00.000000',15);
INSERT INTO "slots" VALUES(743,'haren','c2','appt-passport','2026-12-16 10:30:00.000000',15);
INSERT INTO "slots" VALUES(744,'haren','c2','appt-passport','2026-12-16 10:45:00.000000',15);
INSERT INTO "slots" VALUES(745,'neder-over-heembeek','c1','appt-id-card','2026-12-16 08:00:00.000000',15);
INSERT INTO "slots" VALUES(746,'neder-over-heembeek','c1','appt-id-card','2026-12-16 08:15:00.000000',15);
INSERT INTO "slots" VALUES(747,'neder-over-heembeek','c1','appt-id-card','2026-12-16 08:30:00.000000',15);
INSERT INTO "slots" VALUES(748,'neder-over-heembeek','c1','appt-id-card','2026-12-16 08:45:00.000000',15);
INSERT INTO "slots" VALUES(749,'neder-over-heembeek','c1','appt-id-card','2026-12-16 09:00:00.000000',15);
INSERT INTO "slots" VALUES(750,'neder-over-heembeek','c1','appt-id-card','2026-12-16 09:15:00.000000',15);
INSERT INTO "slots" VALUES(751,'neder-over-heembeek','c1','appt-id-card','2026-12-16 09:30:00.000000',15);
INSERT INTO "slots" VALUES(752,'neder-over-heembeek','c1','appt-id-card','2026-12-16 09:45:00.000000',15);
INSERT INTO "slots" VALUES(753,'neder-over-heembeek','c1','appt-id-card','2026-12-16 10:00:00.000000',15);
INSERT INTO "slots" VALUES(754,'neder-over-heembeek','c1','appt-id-card','2026-12-16 10:15:00.000000',15);
INSERT INTO "slots" VALUES(755,'neder-over-heembeek','c1','appt-id-card','2026-12-16 10:30:00.000000',15);
INSERT INTO "slots" VALUES(756,'neder-over-heembeek','c1','appt-id-card','2026-12-16 10:45:00.000000',15);
INSERT INTO "slots" VALUES(757,'neder-over-heembeek','c2','appt-passport','2026-12-16 08:00:00.000000',15);
INSERT INTO "slots" VALUES(758,'neder-over-heembeek','c2','appt-passport','2026-12-16 08:15:00.000000',15);
INSERT INTO "slots" VALUES(759,'neder-over-heembeek','c2','appt-passport','2026-12-16 08:30:00.000000',15);
INSERT INTO "slots" VALUES(760,'neder-over-heembeek','c2','appt-passport','2026-12-16 08:45:00.000000',15);
INSERT INTO "slots" VALUES(761,'neder-over-heembeek','c2','appt-passport','2026-12-16 09:00:00.000000',15);
INSERT INTO "slots" VALUES(762,'neder-over-heembeek','c2','appt-passport','2026-12-16 09:15:00.000000',15);
INSERT INTO "slots" VALUES(763,'neder-over-heembeek','c2','appt-passport','2026-12-16 09:30:00.000000',15);
INSERT INTO "slots" VALUES(764,'neder-over-heembeek','c2','appt-passport','2026-12-16 09:45:00.000000',15);
INSERT INTO "slots" VALUES(765,'neder-over-heembeek','c2','appt-passport','2026-12-16 10:00:00.000000',15);
INSERT INTO "slots" VALUES(766,'neder-over-heembeek','c2','appt-passport','2026-12-16 10:15:00.000000',15);
INSERT INTO "slots" VALUES(767,'neder-over-heembeek','c2','appt-passport','2026-12-16 10:30:00.000000',15);
INSERT INTO "slots" VALUES(768,'neder-over-heembeek','c2','appt-passport','2026-12-16 10:45:00.000000',15);
INSERT INTO "slots" VALUES(769,'bxl-centre','c1','appt-id-card','2026-12-17 08:00:00.000000',15);
INSERT INTO "slots" VALUES(770,'bxl-centre','c1','appt-id-card','2026-12-17 08:15:00.000000',15);
INSERT INTO "slots" VALUES(771,'bxl-centre','c1','appt-id-card','2026-12-17 08:30:00.000000',15);
INSERT INTO "slots" VALUES(772,'bxl-centre','c1','appt-id-card','2026-12-17 08:45:00.000000',15);
INSERT INTO "slots" VALUES(773,'bxl-centre','c1','appt-id-card','2026-12-17 09:00:00.000000',15);
INSERT INTO "slots" VALUES(774,'bxl-centre','c1','appt-id-card','2026-12-17 09:15:00.000000',15);
INSERT INTO "slots" VALUES(775,'bxl-centre','c1','appt-id-card','2026-12-17 09:30:00.000000',15);
INSERT INTO "slots" VALUES(776,'bxl-centre','c1','appt-id-card','2026-12-17 09:45:00.000000',15);
INSERT INTO "slots" VALUES(777,'bxl-centre','c1','appt-id-card','2026-12-17 10:00:00.000000',15);
INSERT INTO "slots" VALUES(778,'bxl-centre','c1','appt-id-card','2026-12-17 10:15:00.000000',15);
INSERT INTO "slots" VALUES(779,'bxl-centre','c1','appt-id-card','2026-12-17 10:30:00.000000',15);
INSERT INTO "slots" VALUES(780,'bxl-centre','c1','appt-id-card','2026-12-17 10:45:00.000000',15);
INSERT INTO "slots" VALUES(781,'bxl-centre','c2','appt-passport','2026-12-17 08:00:00.000000',15);
INSERT INTO "slots" VALUES(782,'bxl-centre','c2','appt-passport','2026-12-17 08:15:00.000000',15);
INSERT INTO "slots" VALUES(783,'bxl-centre','c2','appt-passport','2026-12-17 08:30:00.000000',15);
INSERT INTO "slots" VALUES(784,'bxl-centre','c2','appt-passport','2026-12-17 08:45:00.000000',15);
INSERT INTO "slots" VALUES(785,'bxl-centre','c2','appt-passport','2026-12-17 09:00:00.000000',15);
INSERT INTO "slots" VALUES(786,'bxl-centre','c2','appt-passport','2026-12-17 09:15:00.000000',15);
INSERT INTO "slots" VALUES(787,'bxl-centre','c2','appt-passport','2026-12-17 09:30:00.000000',15);
INSERT INTO "slots" VALUES(788,'bxl-centre','c2','appt-passport','2026-12-17 09:45:00.000000',15);
INSERT INTO "slots" VALUES(789,'bxl-centre','c2','appt-passport','2026-12-17 10:00:00.000000',15);
INSERT INTO "slots" VALUES(790,'bxl-centre','c2','appt-passport','2026-12-17 10:15:00.000000',15);
INSERT INTO "slots" VALUES(791,'bxl-centre','c2','appt-passport','2026-12-17 10:30:00.000000',15);
INSERT INTO "slots" VALUES(792,'bxl-centre','c2','appt-passport','2026-12-17 10:45:00.000000',15);
INSERT INTO "slots" VALUES(793,'laeken','c1','appt-id-card','2026-12-17 08:00:00.000000',15);
INSERT INTO "slots" VALUES(794,'laeken','c1','appt-id-card','2026-12-17 08:15:00.000000',15);
INSERT INTO "slots" VALUES(795,'laeken','c1','appt-id-card','2026-12-17 08:30:00.000000',15);
INSERT INTO "slots" VALUES(796,'laeken','c1','appt-id-card','2026-12-17 08:45:00.000000',15);
INSERT INTO "slots" VALUES(797,'laeken','c1','appt-id-card','2026-12-17 09:00:00.000000',15);
INSERT INTO "slots" VALUES(798,'laeken','c1','appt-id-card','2026-12-17 09:15:00.000000',15);
INSERT INTO "slots" VALUES(799,'laeken','c1','appt-id-card','2026-12-17 09:30:00.000000',15);
INSERT INTO "slots" VALUES(800,'laeken','c1','appt-id-card','2026-12-17 09:45:00.000000',15);
INSERT INTO "slots" VALUES(801,'laeken','c1','appt-id-card','2026-12-17 10:00:00.000000',15);
INSERT INTO "slots" VALUES(802,'laeken','c1','appt-id-card','2026-12-17 10:15:00.000000',15);
INSERT INTO "slots" VALUES(803,'laeken','c1','appt-id-card','2026-12-17 10:30:00.000000',15);
INSERT INTO "slots" VALUES(804,'laeken','c1','appt-id-card','2026-12-17 10:45:00.000000',15);
INSERT INTO "slots" VALUES(805,'laeken','c2','appt-passport','2026-12-17 08:00:00.000000',15);
INSERT INTO "slots" VALUES(806,'laeken','c2','appt-passport','2026-12-17 08:15:00.000000',15);
INSERT INTO "slots" VALUES(807,'laeken','c2','appt-passport','2026-12-17 08:30:00.000000',15);
INSERT INTO "slots" VALUES(808,'laeken','c2','appt-passport','2026-12-17 08:45:00.000000',15);
INSERT INTO "slots" VALUES(809,'laeken','c2','appt-passport','2026-12-17 09:00:00.000000',15);
INSERT INTO "slots" VALUES(810,'laeken','c2','appt-passport','2026-12-17 09:15:00.000000',15);
INSERT INTO "slots" VALUES(811,'laeken','c2','appt-passport','2026-12-17 09:30:00.000000',15);
INSERT INTO "slots" VALUES(812,'laeken','c2','appt-passport','2026-12-17 09:45:00.000000',15);
INSERT INTO "slots" VALUES(813,'laeken','c2','appt-passport','2026-12-17 10:00:00.000000',15);
INSERT INTO "slots" VALUES(814,'laeken','c2','appt-passport','2026-12-17 10:15:00.000000',15);
INSERT INTO "slots" VALUES(815,'laeken','c2','appt-passport','2026-12-17 10:30:00.000000',15);
INSERT INTO "slots" VALUES(816,'laeken','c2','appt-passport','2026-12-17 10:45:00.000000',15);
INSERT INTO "slots" VALUES(817,'haren','c1','appt-id-card','2026-12-17 08:00:00.000000',15);
INSERT INTO "slots" VALUES(818,'haren','c1','appt-id-card','2026-12-17 08:15:00.000000',15);
INSERT INTO "slots" VALUES(819,'haren','c1','appt-id-card','2026-12-17 08:30:00.000000',15);
INSERT INTO "slots" VALUES(820,'haren','c1','appt-id-card','2026-12-17 08:45:00.000000',15);
INSERT INTO "slots" VALUES(821,'haren','c1','appt-id-card','2026-12-17 09:00:00.000000',15);
INSERT INTO "slots" VALUES(822,'haren','c1','appt-id-card','2026-12-17 09:15:00.000000',15);
INSERT INTO "slots" VALUES(823,'haren','c1','appt-id-card','2026-12-17 09:30:00.000000',15);
INSERT INTO "slots" VALUES(824,'haren','c1','appt-id-card','2026-12-17 09:45:00.000000',15);
INSERT INTO "slots" VALUES(825,'haren','c1','appt-id-card','2026-12-17 10:00:00.000000',15);
INSERT INTO "slots" VALUES(826,'haren','c1','appt-id-card','2026-12-17 10:15:00.000000',15);
INSERT INTO "slots" VALUES(827,'haren','c1','appt-id-card','2026-12-17 10:30:00.000000',15);
INSERT INTO "slots" VALUES(828,'haren','c1','appt-id-card','2026-12-17 10:45:00.000000',15);
INSERT INTO "slots" VALUES(829,'haren','c2','appt-passport','2026-12-17 08:00:00.000000',15);
INSERT INTO "slots" VALUES(830,'haren','c2','appt-passport','2026-12-17 08:15:00.000000',15);
INSERT INTO "slots" VALUES(831,'haren','c2','appt-passport','2026-12-17 08:30:00.000000',15);
INSERT INTO "slots" VALUES(832,'haren','c2','appt-passport','2026-12-17 08:45:00.000000',15);
INSERT INTO "slots" VALUES(833,'haren','c2','appt-passport','2026-12-17 09:00:00.000000',15);
INSERT INTO "slots" VALUES(834,'haren','c2','appt-passport','2026-12-17 09:15:00.000000',15);
INSERT INTO "slots" VALUES(835,'haren','c2','appt-passport','2026-12-17 09:30:00.000000',15);
INSERT INTO "slots" VALUES(836,'haren','c2','appt-passport','2026-12-17 09:45:00.000000',15);
INSERT INTO "slots" VALUES(837,'haren','c2','appt-passport','2026-12-17 10:00:00.000000',15);
INSERT INTO "slots" VALUES(838,'haren','c2','appt-passport','2026-12-17 10:15:00.000000',15);
INSERT INTO "slots" VALUES(839,'haren','c2','appt-passport','2026-12-17 10:30:00.000000',15);
INSERT INTO "slots" VALUES(840,'haren','c2','appt-passport','2026-12-17 10:45:00.000000',15);
INSERT INTO "slots" VALUES(841,'neder-over-heembeek','c1','appt-id-card','2026-12-17 08:00:00.000000',15);
INSERT INTO "slots" VALUES(842,'neder-over-heembeek','c1','appt-id-card','2026-12-17 08:15:00.000000',15);
INSERT INTO "slots" VALUES(843,'neder-over-heembeek','c1','appt-id-card','2026-12-17 08:30:00.000000',15);
INSERT INTO "slots" VALUES(844,'neder-over-heembeek','c1','appt-id-card','2026-12-17 08:45:00.000000',15);
INSERT INTO "slots" VALUES(845,'neder-over-heembeek','c1','appt-id-card','2026-12-17 09:00:00.000000',15);
INSERT INTO "slots" VALUES(846,'neder-over-heembeek','c1','appt-id-card','2026-12-17 09:15:00.000000',15);
INSERT INTO "slots" VALUES(847,'neder-over-heembeek','c1','appt-id-card','2026-12-17 09:30:00.000000',15);
INSERT INTO "slots" VALUES(848,'neder-over-heembeek','c1','appt-id-card','2026-12-17 09:45:00.000000',15);
INSERT INTO "slots" VALUES(849,'neder-over-heembeek','c1','appt-id-card','2026-12-17 10:00:00.000000',15);
INSERT INTO "slots" VALUES(850,'neder-over-heembeek','c1','appt-id-card','2026-12-17 10:15:00.000000',15);
INSERT INTO "slots" VALUES(851,'neder-over-heembeek','c1','appt-id-card','2026-12-17 10:30:00.000000',15);
INSERT INTO "slots" VALUES(852,'neder-over-heembeek','c1','appt-id-card','2026-12-17 10:45:00.000000',15);
INSERT INTO "slots" VALUES(853,'neder-over-heembeek','c2','appt-passport','2026-12-17 08:00:00.000000',15);
INSERT INTO "slots" VALUES(854,'neder-over-heembeek','c2','appt-passport','2026-12-17 08:15:00.000000',15);
INSERT INTO "slots" VALUES(855,'neder-over-heembeek','c2','appt-passport','2026-12-17 08:30:00.000000',15);
INSERT INTO "slots" VALUES(856,'neder-over-heembeek','c2','appt-passport','2026-12-17 08:45:00.000000',15);
INSERT INTO "slots" VALUES(857,'neder-over-heembeek','c2','appt-passport','2026-12-17 09:00:00.000000',15);
INSERT INTO "slots" VALUES(858,'neder-over-heembeek','c2','appt-passport','2026-12-17 09:15:00.000000',15);
INSERT INTO "slots" VALUES(859,'neder-over-heembeek','c2','appt-passport','2026-12-17 09:30:00.000000',15);
INSERT INTO "slots" VALUES(860,'neder-over-heembeek','c2','appt-passport','2026-12-17 09:45:00.000000',15);
INSERT INTO "slots" VALUES(861,'neder-over-heembeek','c2','appt-passport','2026-12-17 10:00:00.000000',15);
INSERT INTO "slots" VALUES(862,'neder-over-heembeek','c2','appt-passport','2026-12-17 10:15:00.000000',15);
INSERT INTO "slots" VALUES(863,'neder-over-heembeek','c2','appt-passport','2026-12-17 10:30:00.000000',15);
INSERT INTO "slots" VALUES(864,'neder-over-heembeek','c2','appt-passport','2026-12-17 10:45:00.000000',15);
INSERT INTO "slots" VALUES(865,'bxl-centre','c1','appt-id-card','2026-12-18 08:00:00.000000',15);
INSERT INTO "slots" VALUES(866,'bxl-centre','c1','appt-id-card','2026-12-18 08:15:00.000000',15);
INSERT INTO "slots" VALUES(867,'bxl-centre','c1','appt-id-card','2026-12-18 08:30:00.000000',15);
INSERT INTO "slots" VALUES(868,'bxl-centre','c1','appt-id-card','2026-12-18 08:45:00.000000',15);
INSERT INTO "slots" VALUES(869,'bxl-centre','c1','appt-id-card','2026-12-18 09:00:00.000000',15);
INSERT INTO "slots" VALUES(870,'bxl-centre','c1','appt-id-card','2026-12-18 09:15:00.000000',15);
INSERT INTO "slots" VALUES(871,'bxl-centre','c1','appt-id-card','2026-12-18 09:30:00.000000',15);
INSERT INTO "slots" VALUES(872,'bxl-centre','c1','appt-id-card','2026-12-18 09:45:00.000000',15);
INSERT INTO "slots" VALUES(873,'bxl-centre','c1','appt-id-card','2026-12-18 10:00:00.000000',15);
INSERT INTO "slots" VALUES(874,'bxl-centre','c1','appt-id-card','2026-12-18 10:15:00.000000',15);
INSERT INTO "slots" VALUES(875,'bxl-centre','c1','appt-id-card','2026-12-18 10:30:00.000000',15);
INSERT INTO "slots" VALUES(876,'bxl-centre','c1','appt-id-card','2026-12-18 10:45:00.000000',15);
INSERT INTO "slots" VALUES(877,'bxl-centre','c2','appt-passport','2026-12-18 08:00:00.000000',15);
INSERT INTO "slots" VALUES(878,'bxl-centre','c2','appt-passport','2026-12-18 08:15:00.000000',15);
INSERT INTO "slots" VALUES(879,'bxl-centre','c2','appt-passport','2026-12-18 08:30:00.000000',15);
INSERT INTO "slots" VALUES(880,'bxl-centre','c2','appt-passport','2026-12-18 08:45:00.000000',15);
INSERT INTO "slots" VALUES(881,'bxl-centre','c2','appt-passport','2026-12-18 09:00:00.000000',15);
INSERT INTO "slots" VALUES(882,'bxl-centre','c2','appt-passport','2026-12-18 09:15:00.000000',15);
INSERT INTO "slots" VALUES(883,'bxl-centre','c2','appt-passport','2026-12-18 09:30:00.000000',15);
INSERT INTO "slots" VALUES(884,'bxl-centre','c2','appt-passport','2026-12-18 09:45:00.000000',15);
INSERT INTO "slots" VALUES(885,'bxl-centre','c2','appt-passport','2026-12-18 10:00:00.000000',15);
INSERT INTO "slots" VALUES(886,'bxl-centre','c2','appt-passport','2026-12-18 10:15:00.000000',15);
INSERT INTO "slots" VALUES(887,'bxl-centre','c2','appt-passport','2026-12-18 10:30:00.000000',15);
INSERT INTO "slots" VALUES(888,'bxl-centre','c2','appt-passport','2026-12-18 10:45:00.000000',15);
INSERT INTO "slots" VALUES(889,'laeken','c1','appt-id-card','2026-12-18 08:00:00.000000',15);
INSERT INTO "slots" VALUES(890,'laeken','c1','appt-id-card','2026-12-18 08:15:00.000000',15);
INSERT INTO "slots" VALUES(891,'laeken','c1','appt-id-card','2026-12-18 08:30:00.000000',15);
INSERT INTO "slots" VALUES(892,'laeken','c1','appt-id-card','2026-12-18 08:45:00.000000',15);
INSERT INTO "slots" VALUES(893,'laeken','c1','appt-id-card','2026-12-18 09:00:00.000000',15);
INSERT INTO "slots" VALUES(894,'laeken','c1','appt-id-card','2026-12-18 09:15:00.000000',15);
INSERT INTO "slots" VALUES(895,'laeken','c1','appt-id-card','2026-12-18 09:30:00.000000',15);
INSERT INTO "slots" VALUES(896,'laeken','c1','appt-id-card','2026-12-18 09:45:00.000000',15);
INSERT INTO "slots" VALUES(897,'laeken','c1','appt-id-card','2026-12-18 10:00:00.000000',15);
INSERT INTO "slots" VALUES(898,'laeken','c1','appt-id-card','2026-12-18 10:15:00.000000',15);
INSERT INTO "slots" VALUES(899,'laeken','c1','appt-id-card','2026-12-18 10:30:00.000000',15);
INSERT INTO "slots" VALUES(900,'laeken','c1','appt-id-card','2026-12-18 10:45:00.000000',15);
INSERT INTO "slots" VALUES(901,'laeken','c2','appt-passport','2026-12-18 08:00:00.000000',15);
INSERT INTO "slots" VALUES(902,'laeken','c2','appt-passport','2026-12-18 08:15:00.000000',15);
INSERT INTO "slots" VALUES(903,'laeken','c2','appt-passport','2026-12-18 08:30:00.000000',15);
INSERT INTO "slots" VALUES(904,'laeken','c2','appt-passport','2026-12-18 08:45:00.000000',15);
INSERT INTO "slots" VALUES(905,'laeken','c2','appt-passport','2026-12-18 09:00:00.000000',15);
INSERT INTO "slots" VALUES(906,'laeken','c2','appt-passport','2026-12-18 09:15:00.000000',15);
INSERT INTO "slots" VALUES(907,'laeken','c2','appt-passport','2026-12-18 09:30:00.000000',15);
INSERT INTO "slots" VALUES(908,'laeken','c2','appt-passport','2026-12-18 09:45:00.000000',15);
INSERT INTO "slots" VALUES(909,'laeken','c2','appt-passport','2026-12-18 10:00:00.000000',15);
INSERT INTO "slots" VALUES(910,'laeken','c2','appt-passport','2026-12-18 10:15:00.000000',15);
INSERT INTO "slots" VALUES(911,'laeken','c2','appt-passport','2026-12-18 10:30:00.000000',15);
INSERT INTO "slots" VALUES(912,'laeken','c2','appt-passport','2026-12-18 10:45:00.000000',15);
INSERT INTO "slots" VALUES(913,'haren','c1','appt-id-card','2026-12-18 08:00:00.000000',15);
INSERT INTO "slots" VALUES(914,'haren','c1','appt-id-card','2026-12-18 08:15:00.000000',15);
INSERT INTO "slots" VALUES(915,'haren','c1','appt-id-card','2026-12-18 08:30:00.000000',15);
INSERT INTO "slots" VALUES(916,'haren','c1','appt-id-card','2026-12-18 08:45:00.000000',15);
INSERT INTO "slots" VALUES(917,'haren','c1','appt-id-card','2026-12-18 09:00:00.000000',15);
INSERT INTO "slots" VALUES(918,'haren','c1','appt-id-card','2026-12-18 09:15:00.000000',15);
INSERT INTO "slots" VALUES(919,'haren','c1','appt-id-card','2026-12-18 09:30:00.000000',15);
INSERT INTO "slots" VALUES(920,'haren','c1','appt-id-card','2026-12-18 09:45:00.000000',15);
INSERT INTO "slots" VALUES(921,'haren','c1','appt-id-card','2026-12-18 10:00:00.000000',15);
INSERT INTO "slots" VALUES(922,'haren','c1','appt-id-card','2026-12-18 10:15:00.000000',15);
INSERT INTO "slots" VALUES(923,'haren','c1','appt-id-card','2026-12-18 10:30:00.000000',15);
INSERT INTO "slots" VALUES(924,'haren','c1','appt-id-card','2026-12-18 10:45:00.000000',15);
INSERT INTO "slots" VALUES(925,'haren','c2','appt-passport','2026-12-18 08:00:00.000000',15);
INSERT INTO "slots" VALUES(926,'haren','c2','appt-passport','2026-12-18 08:15:00.000000',15);
INSERT INTO "slots" VALUES(927,'haren','c2','appt-passport','2026-12-18 08:30:00.000000',15);
INSERT INTO "slots" VALUES(928,'haren','c2','appt-passport','2026-12-18 08:45:00.000000',15);
INSERT INTO "slots" VALUES(929,'haren','c2','appt-passport','2026-12-18 09:00:00.000000',15);
INSERT INTO "slots" VALUES(930,'haren','c2','appt-passport','2026-12-18 09:15:00.000000',15);
INSERT INTO "slots" VALUES(931,'haren','c2','appt-passport','2026-12-18 09:30:00.000000',15);
INSERT INTO "slots" VALUES(932,'haren','c2','appt-passport','2026-12-18 09:45:00.000000',15);
INSERT INTO "slots" VALUES(933,'haren','c2','appt-passport','2026-12-18 10:00:00.000000',15);
INSERT INTO "slots" VALUES(934,'haren','c2','appt-passport','2026-12-18 10:15:00.000000',15);
INSERT INTO "slots" VALUES(935,'haren','c2','appt-passport','2026-12-18 10:30:00.000000',15);
INSERT INTO "slots" VALUES(936,'haren','c2','appt-passport','2026-12-18 10:45:00.000000',15);
INSERT INTO "slots" VALUES(937,'neder-over-heembeek','c1','appt-id-card','2026-12-18 08:00:00.000000',15);
INSERT INTO "slots" VALUES(938,'neder-over-heembeek','c1','appt-id-card','2026-12-18 08:15:00.000000',15);
INSERT INTO "slots" VALUES(939,'neder-over-heembeek','c1','appt-id-card','2026-12-18 08:30:00.000000',15);
INSERT INTO "slots" VALUES(940,'neder-over-heembeek','c1','appt-id-card','2026-12-18 08:45:00.000000',15);
INSERT INTO "slots" VALUES(941,'neder-over-heembeek','c1','appt-id-card','2026-12-18 09:00:00.000000',15);
INSERT INTO "slots" VALUES(942,'neder-over-heembeek','c1','appt-id-card','2026-12-18 09:15:00.000000',15);
INSERT INTO "slots" VALUES(943,'neder-over-heembeek','c1','appt-id-card','2026-12-18 09:30:00.000000',15);
INSERT INTO "slots" VALUES(944,'neder-over-heembeek','c1','appt-id-card','2026-12-18 09:45:00.000000',15);
INSERT INTO "slots" VALUES(945,'neder-over-heembeek','c1','appt-id-card','2026-12-18 10:00:00.000000',15);
INSERT INTO "slots" VALUES(946,'neder-over-heembeek','c1','appt-id-card','2026-12-18 10:15:00.000000',15);
INSERT INTO "slots" VALUES(947,'neder-over-heembeek','c1','appt-id-card','2026-12-18 10:30:00.000000',15);
INSERT INTO "slots" VALUES(948,'neder-over-heembeek','c1','appt-id-card','2026-12-18 10:45:00.000000',15);
INSERT INTO "slots" VALUES(949,'neder-over-heembeek','c2','appt-passport','2026-12-18 08:00:00.000000',15);
INSERT INTO "slots" VALUES(950,'neder-over-heembeek','c2','appt-passport','2026-12-18 08:15:00.000000',15);
INSERT INTO "slots" VALUES(951,'neder-over-heembeek','c2','appt-passport','2026-12-18 08:30:00.000000',15);
INSERT INTO "slots" VALUES(952,'neder-over-heembeek','c2','appt-passport','2026-12-18 08:45:00.000000',15);
INSERT INTO "slots" VALUES(953,'neder-over-heembeek','c2','appt-passport','2026-12-18 09:00:00.000000',15);
INSERT INTO "slots" VALUES(954,'neder-over-heembeek','c2','appt-passport','2026-12-18 09:15:00.000000',15);
INSERT INTO "slots" VALUES(955,'neder-over-heembeek','c2','appt-passport','2026-12-18 09:30:00.000000',15);
INSERT INTO "slots" VALUES(956,'neder-over-heembeek','c2','appt-passport','2026-12-18 09:45:00.000000',15);
INSERT INTO "slots" VALUES(957,'neder-over-heembeek','c2','appt-passport','2026-12-18 10:00:00.000000',15);
INSERT INTO "slots" VALUES(958,'neder-over-heembeek','c2','appt-passport','2026-12-18 10:15:00.000000',15);
INSERT INTO "slots" VALUES(959,'neder-over-heembeek','c2','appt-passport','2026-12-18 10:30:00.000000',15);
INSERT INTO "slots" VALUES(960,'neder-over-heembeek','c2','appt-passport','2026-12-18 10:45:00.000000',15);
CREATE TABLE update_bundle_chunks (
	version VARCHAR(32) NOT NULL, 
	seq INTEGER NOT NULL, 
	data BLOB NOT NULL, 
	PRIMARY KEY (version, seq)
);
CREATE TABLE update_bundles (
	version VARCHAR(32) NOT NULL, 
	filename VARCHAR(200) NOT NULL, 
	size BIGINT NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	uploaded_at DATETIME NOT NULL, 
	uploaded_by VARCHAR(64) NOT NULL, 
	PRIMARY KEY (version)
);
CREATE TABLE update_kiosk_states (
	kiosk_id VARCHAR(64) NOT NULL, 
	site VARCHAR(64) NOT NULL, 
	version VARCHAR(32), 
	state VARCHAR(32) NOT NULL, 
	reason TEXT, 
	current VARCHAR(32), 
	rollout_id INTEGER, 
	unblock VARCHAR(32), 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (kiosk_id)
);
CREATE TABLE update_rollouts (
	id INTEGER NOT NULL, 
	version VARCHAR(32) NOT NULL, 
	waves JSON NOT NULL, 
	wave INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	halted_reason TEXT, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	created_by VARCHAR(64) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_events_device_seq ON events (device_id, seq);
CREATE INDEX ix_citizens_household_id ON citizens (household_id);
CREATE INDEX ix_cases_national_number ON cases (national_number);
CREATE INDEX ix_slots_site_start ON slots (site, starts_at);
CREATE INDEX ix_queue_tickets_site_day ON queue_tickets (site, day);
CREATE INDEX ix_payments_kiosk_day ON payments (kiosk_id, day);
CREATE INDEX ix_fleet_kiosks_silent ON fleet_kiosks (offline, silent_after);
CREATE INDEX ix_fleet_kiosks_site ON fleet_kiosks (site);
CREATE INDEX ix_fleet_heartbeats_received_at ON fleet_heartbeats (received_at);
CREATE INDEX ix_fleet_heartbeats_kiosk_at ON fleet_heartbeats (kiosk_id, received_at);
CREATE INDEX ix_fleet_alerts_resolved_at ON fleet_alerts (resolved_at);
CREATE INDEX ix_fleet_alerts_kiosk_open ON fleet_alerts (kiosk_id, resolved_at);
CREATE INDEX ix_fleet_alerts_opened_at ON fleet_alerts (opened_at);
CREATE INDEX ix_case_history_case_id ON case_history (case_id);
CREATE INDEX ix_bookings_national_number ON bookings (national_number);
COMMIT;
