; Inno Setup script: a per-user or all-users installer with a Start-menu entry and the .plan
; file association. Built by the release workflow on Windows after `pyinstaller build.spec`:
;   iscc /DAppVersion=0.1.0 packaging\windows\installer.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6C1D4E52-3B8A-4E0F-9A57-5F2B2A7C9E11}
AppName=Roadmap Planner
AppVerName=Roadmap Planner {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Roadmap Planner
DefaultDirName={autopf}\Roadmap Planner
DefaultGroupName=Roadmap Planner
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=RoadmapPlanner-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\roadmap-planner.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Files]
Source: "..\..\dist\roadmap-planner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Roadmap Planner"; Filename: "{app}\roadmap-planner.exe"
Name: "{group}\{cm:UninstallProgram,Roadmap Planner}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Roadmap Planner"; Filename: "{app}\roadmap-planner.exe"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\.plan"; ValueType: string; ValueName: ""; ValueData: "RoadmapPlanner.Plan"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\RoadmapPlanner.Plan"; ValueType: string; ValueName: ""; ValueData: "Roadmap Planner plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\RoadmapPlanner.Plan\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\roadmap-planner.exe,0"
Root: HKA; Subkey: "Software\Classes\RoadmapPlanner.Plan\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\roadmap-planner.exe"" ""%1"""

[Run]
Filename: "{app}\roadmap-planner.exe"; Description: "{cm:LaunchProgram,Roadmap Planner}"; Flags: nowait postinstall skipifsilent
