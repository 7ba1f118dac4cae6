@echo off
rem Tollgate's command line, from its distribution: lib\tollgate.jar run with JAVA_HOME's java, else the PATH's.
setlocal
set "HOME_DIR=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC %JAVA_OPTS% -jar "%HOME_DIR%\lib\tollgate.jar" %*
