/**
 * The lakehouse commands ({@code strata sql}, {@code sql-server}, {@code maintain}, {@code reconcile}): each
 * runs a main of the {@code lakehouse/sql} module in a child JVM, so that Spark and its libraries never share
 * a classpath with the CLI or the services. Arguments after the command go to that main unchanged.
 */
package io.strata.platform.sql;
