--
-- PostgreSQL database dump
--

CREATE TABLE t (id integer);
