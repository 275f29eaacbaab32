-- Which monitor within its source raised an alert: the Forta bot id (in lower case), the OpenZeppelin
-- Monitor name, the Alertmanager alertname or the generic sender's name; null when the alert does not
-- say. The intake stores it when it normalises the alert; the automatic-pause policy compares it (two
-- monitors are independent when they differ) and correlation's monitor_rule is built from it.
alter table security_event add column monitor varchar(300);

-- Alerts received before this column existed: the monitor as their stored rule names it (a Forta rule
-- is "<bot id>/<alert id>" when the alert named its bot; OpenZeppelin Monitor's and Alertmanager's rule
-- is the monitor itself) or, for a generic alert, its sender. Portable between H2 and PostgreSQL.
update security_event set monitor = case
    when source = 'generic' then reporter
    when source in ('openzeppelin-monitor', 'alertmanager') then monitor_rule
    when source = 'forta' and monitor_rule like '0x%/%' then lower(substring(monitor_rule from 1 for position('/' in monitor_rule) - 1))
  end
where channel = 'MONITORING_ALERT';
