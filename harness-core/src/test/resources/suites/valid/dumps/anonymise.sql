update t set id = id;
