/**
 * What a run leaves for people and for the gate: Allure steps and attachments, and the run record.
 */
package dev.tollgate.report;
